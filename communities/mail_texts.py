"""The fixed wording of residents' mails, in every language Tapestry serves by default.

Content (event titles, venues) comes from the content's own translations; only these phrases
are written here. A language missing from a table falls back to English.
"""

REGISTRATION = {
    "en": {
        "confirmed_subject": "Registration confirmed: {title}",
        "waitlisted_subject": "You are on the waitlist: {title}",
        "promoted_subject": "A place opened up: {title}",
        "cancelled_subject": "Registration cancelled: {title}",
        "confirmed": "Your place is confirmed.",
        "waitlisted": "The event is full, so you are on the waitlist (number {position}). We "
        "will write to you if a place opens up.",
        "promoted": "Good news: a place opened up and your registration is now confirmed.",
        "cancelled": "Your registration has been cancelled. Thank you for letting us know.",
        "when": "When",
        "where": "Where",
        "party": "People",
        "cancel": "Can't come? Cancel your registration so someone else can take your place:",
        "calendar": "The attached file adds the event to your calendar.",
    },
    "zh-hans": {
        "confirmed_subject": "报名成功：{title}",
        "waitlisted_subject": "您已进入候补名单：{title}",
        "promoted_subject": "已有空位，您的报名已确认：{title}",
        "cancelled_subject": "报名已取消：{title}",
        "confirmed": "您的名额已确认。",
        "waitlisted": "活动名额已满，您在候补名单第 {position} 位。如有空位，我们会发邮件通知您。",
        "promoted": "好消息：有名额空出，您的报名现已确认。",
        "cancelled": "您的报名已取消，感谢告知。",
        "when": "时间",
        "where": "地点",
        "party": "人数",
        "cancel": "无法参加？请取消报名，把名额留给其他居民：",
        "calendar": "附件可将活动添加到您的日历。",
    },
    "ja": {
        "confirmed_subject": "お申し込みが確定しました：{title}",
        "waitlisted_subject": "キャンセル待ちに登録されました：{title}",
        "promoted_subject": "空きが出たため、お申し込みが確定しました：{title}",
        "cancelled_subject": "お申し込みを取り消しました：{title}",
        "confirmed": "お席が確定しました。",
        "waitlisted": "満席のため、キャンセル待ち（{position}番目）に登録しました。空きが出ましたらご連絡します。",
        "promoted": "空きが出たため、お申し込みが確定しました。",
        "cancelled": "お申し込みを取り消しました。ご連絡ありがとうございます。",
        "when": "日時",
        "where": "会場",
        "party": "人数",
        "cancel": "参加できなくなった場合は、他の方のために取り消してください：",
        "calendar": "添付ファイルでカレンダーに追加できます。",
    },
    "ko": {
        "confirmed_subject": "신청이 확정되었습니다: {title}",
        "waitlisted_subject": "대기자 명단에 등록되었습니다: {title}",
        "promoted_subject": "자리가 생겨 신청이 확정되었습니다: {title}",
        "cancelled_subject": "신청이 취소되었습니다: {title}",
        "confirmed": "자리가 확정되었습니다.",
        "waitlisted": "정원이 찼습니다. 대기 {position}번으로 등록되었으며 자리가 나면 알려 드리겠습니다.",
        "promoted": "좋은 소식입니다. 자리가 생겨 신청이 확정되었습니다.",
        "cancelled": "신청이 취소되었습니다. 알려 주셔서 감사합니다.",
        "when": "일시",
        "where": "장소",
        "party": "인원",
        "cancel": "참석할 수 없으면 다른 분을 위해 신청을 취소해 주세요:",
        "calendar": "첨부 파일로 일정을 캘린더에 추가할 수 있습니다.",
    },
    "fr": {
        "confirmed_subject": "Inscription confirmée : {title}",
        "waitlisted_subject": "Vous êtes sur liste d'attente : {title}",
        "promoted_subject": "Une place s'est libérée : {title}",
        "cancelled_subject": "Inscription annulée : {title}",
        "confirmed": "Votre place est confirmée.",
        "waitlisted": "L'événement est complet : vous êtes sur liste d'attente (n° {position}). "
        "Nous vous écrirons si une place se libère.",
        "promoted": "Bonne nouvelle : une place s'est libérée et votre inscription est confirmée.",
        "cancelled": "Votre inscription est annulée. Merci de nous avoir prévenus.",
        "when": "Quand",
        "where": "Où",
        "party": "Personnes",
        "cancel": "Vous ne pouvez pas venir ? Annulez pour laisser votre place :",
        "calendar": "Le fichier joint ajoute l'événement à votre agenda.",
    },
    "de": {
        "confirmed_subject": "Anmeldung bestätigt: {title}",
        "waitlisted_subject": "Sie stehen auf der Warteliste: {title}",
        "promoted_subject": "Ein Platz ist frei geworden: {title}",
        "cancelled_subject": "Anmeldung storniert: {title}",
        "confirmed": "Ihr Platz ist bestätigt.",
        "waitlisted": "Die Veranstaltung ist ausgebucht. Sie stehen auf der Warteliste (Nr. "
        "{position}); wir schreiben Ihnen, sobald ein Platz frei wird.",
        "promoted": "Gute Nachricht: Ein Platz ist frei geworden, Ihre Anmeldung ist bestätigt.",
        "cancelled": "Ihre Anmeldung wurde storniert. Danke für Ihre Nachricht.",
        "when": "Wann",
        "where": "Wo",
        "party": "Personen",
        "cancel": "Sie können nicht kommen? Bitte stornieren Sie, damit andere Ihren Platz bekommen:",
        "calendar": "Mit der angehängten Datei tragen Sie den Termin in Ihren Kalender ein.",
    },
    "es": {
        "confirmed_subject": "Inscripción confirmada: {title}",
        "waitlisted_subject": "Está en la lista de espera: {title}",
        "promoted_subject": "Se ha liberado una plaza: {title}",
        "cancelled_subject": "Inscripción cancelada: {title}",
        "confirmed": "Su plaza está confirmada.",
        "waitlisted": "El evento está completo: está en la lista de espera (n.º {position}). Le "
        "escribiremos si se libera una plaza.",
        "promoted": "Buenas noticias: se ha liberado una plaza y su inscripción está confirmada.",
        "cancelled": "Su inscripción ha sido cancelada. Gracias por avisarnos.",
        "when": "Cuándo",
        "where": "Dónde",
        "party": "Personas",
        "cancel": "¿No puede asistir? Cancele su inscripción para dejar su plaza a otra persona:",
        "calendar": "El archivo adjunto añade el evento a su calendario.",
    },
}


def phrases(table: dict, locale: str) -> dict:
    return {**table["en"], **table.get(locale, {})}


FEEDBACK = {
    "en": {
        "answered_subject": "Your feedback {reference} has an answer",
        "answered": "Thank you for your feedback to {community}. Here is our answer:",
        "status": "You can follow it with your status token on the service's website.",
    },
    "zh-hans": {
        "answered_subject": "您的意见 {reference} 已有回复",
        "answered": "感谢您向{community}提出意见。我们的回复如下：",
        "status": "您可以在服务网站上用状态码查看处理进度。",
    },
    "ja": {
        "answered_subject": "ご意見 {reference} への回答",
        "answered": "{community}へのご意見ありがとうございます。回答は次のとおりです：",
        "status": "サービスのサイトでステータスコードから進捗を確認できます。",
    },
    "ko": {
        "answered_subject": "의견 {reference}에 대한 답변",
        "answered": "{community}에 의견을 보내 주셔서 감사합니다. 답변은 다음과 같습니다:",
        "status": "서비스 웹사이트에서 상태 코드로 진행 상황을 확인할 수 있습니다.",
    },
    "fr": {
        "answered_subject": "Votre avis {reference} a reçu une réponse",
        "answered": "Merci pour votre message à {community}. Voici notre réponse :",
        "status": "Vous pouvez suivre son traitement avec votre code de suivi sur le site du service.",
    },
    "de": {
        "answered_subject": "Ihr Feedback {reference} wurde beantwortet",
        "answered": "Danke für Ihre Nachricht an {community}. Hier ist unsere Antwort:",
        "status": "Mit Ihrem Status-Code können Sie den Stand auf der Website verfolgen.",
    },
    "es": {
        "answered_subject": "Su opinión {reference} tiene respuesta",
        "answered": "Gracias por su mensaje a {community}. Esta es nuestra respuesta:",
        "status": "Puede seguirla con su código de estado en el sitio web del servicio.",
    },
}
