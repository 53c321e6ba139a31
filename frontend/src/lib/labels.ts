// Names of the API's enums and of its error codes, in each locale.
import type { Locale } from "./locales";

type Labels<K extends string> = Record<Locale, Record<K, string>>;

export type ArticleKindName = "NEWS" | "POLICY" | "ASSISTANCE" | "GUIDE" | "STORY" | "NOTICE";
export type EventCategoryName = "CULTURAL" | "FAMILY" | "BUSINESS_FORUM" | "SEMINAR" | "WORKSHOP";
export type FeedbackCategoryName = "SUGGESTION" | "QUESTION" | "COMPLAINT" | "PRAISE" | "ACTIVITY_IDEA";
export type FeedbackStatusName = "NEW" | "IN_REVIEW" | "FORWARDED" | "ANSWERED" | "CLOSED";
export type FrequencyName = "IMMEDIATE" | "WEEKLY";

export const ARTICLE_KINDS: ArticleKindName[] = ["NEWS", "POLICY", "ASSISTANCE", "GUIDE", "STORY", "NOTICE"];
export const EVENT_CATEGORIES: EventCategoryName[] = ["CULTURAL", "FAMILY", "BUSINESS_FORUM", "SEMINAR", "WORKSHOP"];
export const FEEDBACK_CATEGORIES: FeedbackCategoryName[] = ["SUGGESTION", "QUESTION", "COMPLAINT", "PRAISE", "ACTIVITY_IDEA"];
export const FREQUENCIES: FrequencyName[] = ["IMMEDIATE", "WEEKLY"];

export const ARTICLE_KIND_LABELS: Labels<ArticleKindName> = {
  en: { NEWS: "News", POLICY: "Policy update", ASSISTANCE: "Assistance programme", GUIDE: "Guide", STORY: "Story", NOTICE: "Notice" },
  "zh-hans": { NEWS: "新闻", POLICY: "政策更新", ASSISTANCE: "援助项目", GUIDE: "指南", STORY: "故事", NOTICE: "通知" },
  ja: { NEWS: "ニュース", POLICY: "政策の更新", ASSISTANCE: "支援制度", GUIDE: "ガイド", STORY: "ストーリー", NOTICE: "お知らせ" },
  ko: { NEWS: "뉴스", POLICY: "정책 변경", ASSISTANCE: "지원 사업", GUIDE: "안내", STORY: "이야기", NOTICE: "공지" },
  fr: { NEWS: "Actualité", POLICY: "Mise à jour réglementaire", ASSISTANCE: "Programme d'aide", GUIDE: "Guide", STORY: "Récit", NOTICE: "Avis" },
  de: { NEWS: "Nachricht", POLICY: "Neue Regelung", ASSISTANCE: "Förderprogramm", GUIDE: "Ratgeber", STORY: "Geschichte", NOTICE: "Hinweis" },
  es: { NEWS: "Noticia", POLICY: "Cambio normativo", ASSISTANCE: "Programa de ayuda", GUIDE: "Guía", STORY: "Historia", NOTICE: "Aviso" },
};

export const EVENT_CATEGORY_LABELS: Labels<EventCategoryName> = {
  en: { CULTURAL: "Cultural celebration", FAMILY: "Family-friendly", BUSINESS_FORUM: "Business forum", SEMINAR: "Industry seminar", WORKSHOP: "Class or workshop" },
  "zh-hans": { CULTURAL: "文化庆典", FAMILY: "亲子活动", BUSINESS_FORUM: "商务论坛", SEMINAR: "行业研讨会", WORKSHOP: "课程或工作坊" },
  ja: { CULTURAL: "文化行事", FAMILY: "家族向け", BUSINESS_FORUM: "ビジネスフォーラム", SEMINAR: "業界セミナー", WORKSHOP: "講座・ワークショップ" },
  ko: { CULTURAL: "문화 행사", FAMILY: "가족 행사", BUSINESS_FORUM: "비즈니스 포럼", SEMINAR: "업계 세미나", WORKSHOP: "강좌·워크숍" },
  fr: { CULTURAL: "Fête culturelle", FAMILY: "En famille", BUSINESS_FORUM: "Forum d'affaires", SEMINAR: "Séminaire professionnel", WORKSHOP: "Cours ou atelier" },
  de: { CULTURAL: "Kulturfest", FAMILY: "Für Familien", BUSINESS_FORUM: "Wirtschaftsforum", SEMINAR: "Fachseminar", WORKSHOP: "Kurs oder Workshop" },
  es: { CULTURAL: "Celebración cultural", FAMILY: "En familia", BUSINESS_FORUM: "Foro empresarial", SEMINAR: "Seminario sectorial", WORKSHOP: "Clase o taller" },
};

export const FEEDBACK_CATEGORY_LABELS: Labels<FeedbackCategoryName> = {
  en: { SUGGESTION: "Suggestion", QUESTION: "Question", COMPLAINT: "Complaint", PRAISE: "Praise", ACTIVITY_IDEA: "Activity idea" },
  "zh-hans": { SUGGESTION: "建议", QUESTION: "问题", COMPLAINT: "投诉", PRAISE: "表扬", ACTIVITY_IDEA: "活动创意" },
  ja: { SUGGESTION: "提案", QUESTION: "質問", COMPLAINT: "苦情", PRAISE: "お礼", ACTIVITY_IDEA: "イベントのアイデア" },
  ko: { SUGGESTION: "제안", QUESTION: "질문", COMPLAINT: "불만", PRAISE: "칭찬", ACTIVITY_IDEA: "행사 아이디어" },
  fr: { SUGGESTION: "Suggestion", QUESTION: "Question", COMPLAINT: "Réclamation", PRAISE: "Remerciement", ACTIVITY_IDEA: "Idée d'activité" },
  de: { SUGGESTION: "Vorschlag", QUESTION: "Frage", COMPLAINT: "Beschwerde", PRAISE: "Lob", ACTIVITY_IDEA: "Idee für eine Aktivität" },
  es: { SUGGESTION: "Sugerencia", QUESTION: "Pregunta", COMPLAINT: "Queja", PRAISE: "Felicitación", ACTIVITY_IDEA: "Idea de actividad" },
};

export const FEEDBACK_STATUS_LABELS: Labels<FeedbackStatusName> = {
  en: { NEW: "Received", IN_REVIEW: "In review", FORWARDED: "Forwarded to the bureau", ANSWERED: "Answered", CLOSED: "Closed" },
  "zh-hans": { NEW: "已收到", IN_REVIEW: "处理中", FORWARDED: "已转交主管部门", ANSWERED: "已答复", CLOSED: "已结案" },
  ja: { NEW: "受付済み", IN_REVIEW: "確認中", FORWARDED: "担当機関に転送済み", ANSWERED: "回答済み", CLOSED: "完了" },
  ko: { NEW: "접수됨", IN_REVIEW: "검토 중", FORWARDED: "담당 기관에 전달됨", ANSWERED: "답변 완료", CLOSED: "종료" },
  fr: { NEW: "Reçu", IN_REVIEW: "En cours d'examen", FORWARDED: "Transmis au service compétent", ANSWERED: "Répondu", CLOSED: "Clos" },
  de: { NEW: "Eingegangen", IN_REVIEW: "In Bearbeitung", FORWARDED: "An die Behörde weitergeleitet", ANSWERED: "Beantwortet", CLOSED: "Abgeschlossen" },
  es: { NEW: "Recibido", IN_REVIEW: "En revisión", FORWARDED: "Remitido al organismo", ANSWERED: "Respondido", CLOSED: "Cerrado" },
};

export const FREQUENCY_LABELS: Labels<FrequencyName> = {
  en: { IMMEDIATE: "As soon as published", WEEKLY: "Weekly digest (urgent notices at once)" },
  "zh-hans": { IMMEDIATE: "发布后立即发送", WEEKLY: "每周摘要（紧急通知立即发送）" },
  ja: { IMMEDIATE: "公開後すぐ", WEEKLY: "週1回のまとめ（緊急のお知らせはすぐ）" },
  ko: { IMMEDIATE: "게시 즉시", WEEKLY: "주간 요약 (긴급 공지는 즉시)" },
  fr: { IMMEDIATE: "Dès la publication", WEEKLY: "Résumé hebdomadaire (avis urgents aussitôt)" },
  de: { IMMEDIATE: "Sofort nach Veröffentlichung", WEEKLY: "Wöchentliche Übersicht (dringende Hinweise sofort)" },
  es: { IMMEDIATE: "Al publicarse", WEEKLY: "Resumen semanal (avisos urgentes al momento)" },
};

/**
 * Every `errors[].code` the residents' mutations (and `feedbackStatus`) can answer, from the
 * README's "Residents" and "Notice subscriptions" sections, plus UNAVAILABLE for a CMS that does
 * not answer. Unknown codes fall back to UNAVAILABLE's wording rather than showing English.
 */
export const ERROR_CODES = [
  "REQUIRED", "INVALID", "TOO_LONG", "TOO_MANY", "OUT_OF_RANGE", "UNKNOWN_LOCALE",
  "REGISTRATION_CLOSED", "DEADLINE_PASSED", "EVENT_STARTED", "PARTY_TOO_LARGE", "ALREADY_REGISTERED",
  "NOT_FOUND", "INVALID_TOKEN", "EXPIRED_TOKEN", "ALREADY_CANCELLED", "CONSENT_REQUIRED",
  "UNKNOWN_COMMUNITY", "UNKNOWN_KIND", "UNKNOWN_TOPIC", "UNKNOWN_FREQUENCY",
  "RATE_LIMITED", "REJECTED", "UNAVAILABLE",
  // preview(token): a token works once and for minutes
  "EXPIRED", "USED",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_MESSAGES: Labels<ErrorCode> = {
  en: {
    REQUIRED: "Please fill this in.",
    INVALID: "This does not look right; please check it (email addresses must be at a public domain).",
    TOO_LONG: "This is too long.",
    TOO_MANY: "Too many choices: at most 50.",
    OUT_OF_RANGE: "Enter a number of at least 1.",
    UNKNOWN_LOCALE: "This language is not available.",
    REGISTRATION_CLOSED: "This event does not take registrations.",
    DEADLINE_PASSED: "Registration for this event has closed.",
    EVENT_STARTED: "This event has already started.",
    PARTY_TOO_LARGE: "Your party is larger than this event allows.",
    ALREADY_REGISTERED: "This email address is already registered for this event.",
    NOT_FOUND: "We could not find this; it may no longer be published.",
    INVALID_TOKEN: "This link is not valid. Please use the link from your mail as it is.",
    EXPIRED_TOKEN: "This link has expired. Please subscribe again to get a new one.",
    ALREADY_CANCELLED: "This registration was already cancelled.",
    CONSENT_REQUIRED: "To leave your email address, please tick the consent box.",
    UNKNOWN_COMMUNITY: "This community is not known.",
    UNKNOWN_KIND: "This kind of article is not known.",
    UNKNOWN_TOPIC: "This topic is not known.",
    UNKNOWN_FREQUENCY: "Please choose how often.",
    RATE_LIMITED: "Too many attempts. Please wait a while and try again.",
    REJECTED: "Your request could not be accepted.",
    UNAVAILABLE: "The service is not available right now. Please try again later.",
    EXPIRED: "This preview has expired: press Preview again in the admin.",
    USED: "This preview link was already used: press Preview again in the admin.",
  },
  "zh-hans": {
    REQUIRED: "请填写此项。",
    INVALID: "内容有误，请检查（电子邮件须使用公共域名）。",
    TOO_LONG: "内容过长。",
    TOO_MANY: "选择过多：最多 50 项。",
    OUT_OF_RANGE: "请输入至少为 1 的数字。",
    UNKNOWN_LOCALE: "不支持该语言。",
    REGISTRATION_CLOSED: "本活动不接受报名。",
    DEADLINE_PASSED: "本活动报名已截止。",
    EVENT_STARTED: "本活动已经开始。",
    PARTY_TOO_LARGE: "人数超过本活动的上限。",
    ALREADY_REGISTERED: "该电子邮件已报名本活动。",
    NOT_FOUND: "找不到相关内容，可能已不再发布。",
    INVALID_TOKEN: "链接无效，请使用邮件中的原始链接。",
    EXPIRED_TOKEN: "链接已过期，请重新订阅以获取新链接。",
    ALREADY_CANCELLED: "该报名已被取消。",
    CONSENT_REQUIRED: "如需留下电子邮件，请勾选同意框。",
    UNKNOWN_COMMUNITY: "未知的社区。",
    UNKNOWN_KIND: "未知的文章类型。",
    UNKNOWN_TOPIC: "未知的主题。",
    UNKNOWN_FREQUENCY: "请选择发送频率。",
    RATE_LIMITED: "尝试次数过多，请稍后再试。",
    REJECTED: "无法受理您的请求。",
    UNAVAILABLE: "服务暂时不可用，请稍后再试。",
    EXPIRED: "预览已过期：请在后台再次点击“预览”。",
    USED: "此预览链接已使用过：请在后台再次点击“预览”。",
  },
  ja: {
    REQUIRED: "入力してください。",
    INVALID: "入力内容をご確認ください（メールアドレスは一般のドメインのものに限ります）。",
    TOO_LONG: "長すぎます。",
    TOO_MANY: "選択が多すぎます（最大 50）。",
    OUT_OF_RANGE: "1 以上の数を入力してください。",
    UNKNOWN_LOCALE: "この言語には対応していません。",
    REGISTRATION_CLOSED: "このイベントは申し込みを受け付けていません。",
    DEADLINE_PASSED: "このイベントの申し込みは締め切りました。",
    EVENT_STARTED: "このイベントはすでに始まっています。",
    PARTY_TOO_LARGE: "人数がこのイベントの上限を超えています。",
    ALREADY_REGISTERED: "このメールアドレスはすでにこのイベントに申し込まれています。",
    NOT_FOUND: "見つかりません。公開が終了した可能性があります。",
    INVALID_TOKEN: "このリンクは無効です。メールのリンクをそのままお使いください。",
    EXPIRED_TOKEN: "このリンクは期限切れです。もう一度登録して新しいリンクを受け取ってください。",
    ALREADY_CANCELLED: "この申し込みはすでに取り消されています。",
    CONSENT_REQUIRED: "メールアドレスを残す場合は、同意欄にチェックを入れてください。",
    UNKNOWN_COMMUNITY: "不明なコミュニティです。",
    UNKNOWN_KIND: "不明な記事の種類です。",
    UNKNOWN_TOPIC: "不明なトピックです。",
    UNKNOWN_FREQUENCY: "頻度を選んでください。",
    RATE_LIMITED: "試行回数が多すぎます。しばらく待ってからもう一度お試しください。",
    REJECTED: "リクエストを受け付けられませんでした。",
    UNAVAILABLE: "現在サービスを利用できません。しばらくしてからもう一度お試しください。",
    EXPIRED: "プレビューの期限が切れました。管理画面でもう一度「プレビュー」を押してください。",
    USED: "このプレビューのリンクは使用済みです。管理画面でもう一度「プレビュー」を押してください。",
  },
  ko: {
    REQUIRED: "이 항목을 입력해 주세요.",
    INVALID: "입력 내용을 확인해 주세요 (이메일은 공개 도메인 주소여야 합니다).",
    TOO_LONG: "너무 깁니다.",
    TOO_MANY: "선택이 너무 많습니다: 최대 50개.",
    OUT_OF_RANGE: "1 이상의 숫자를 입력해 주세요.",
    UNKNOWN_LOCALE: "지원하지 않는 언어입니다.",
    REGISTRATION_CLOSED: "이 행사는 신청을 받지 않습니다.",
    DEADLINE_PASSED: "이 행사의 신청이 마감되었습니다.",
    EVENT_STARTED: "이 행사는 이미 시작되었습니다.",
    PARTY_TOO_LARGE: "인원이 이 행사의 허용 인원을 넘습니다.",
    ALREADY_REGISTERED: "이 이메일 주소로 이미 이 행사에 신청했습니다.",
    NOT_FOUND: "찾을 수 없습니다. 더 이상 게시되지 않을 수 있습니다.",
    INVALID_TOKEN: "유효하지 않은 링크입니다. 메일의 링크를 그대로 사용해 주세요.",
    EXPIRED_TOKEN: "링크가 만료되었습니다. 다시 구독하여 새 링크를 받으세요.",
    ALREADY_CANCELLED: "이미 취소된 신청입니다.",
    CONSENT_REQUIRED: "이메일 주소를 남기려면 동의란에 체크해 주세요.",
    UNKNOWN_COMMUNITY: "알 수 없는 커뮤니티입니다.",
    UNKNOWN_KIND: "알 수 없는 글 종류입니다.",
    UNKNOWN_TOPIC: "알 수 없는 주제입니다.",
    UNKNOWN_FREQUENCY: "빈도를 선택해 주세요.",
    RATE_LIMITED: "시도 횟수가 너무 많습니다. 잠시 후 다시 시도해 주세요.",
    REJECTED: "요청을 받을 수 없습니다.",
    UNAVAILABLE: "지금은 서비스를 이용할 수 없습니다. 잠시 후 다시 시도해 주세요.",
    EXPIRED: "미리보기가 만료되었습니다. 관리 화면에서 미리보기를 다시 누르세요.",
    USED: "이미 사용한 미리보기 링크입니다. 관리 화면에서 미리보기를 다시 누르세요.",
  },
  fr: {
    REQUIRED: "Veuillez remplir ce champ.",
    INVALID: "Valeur incorrecte ; vérifiez-la (l'adresse e-mail doit être d'un domaine public).",
    TOO_LONG: "C'est trop long.",
    TOO_MANY: "Trop de choix : 50 au plus.",
    OUT_OF_RANGE: "Indiquez un nombre d'au moins 1.",
    UNKNOWN_LOCALE: "Cette langue n'est pas disponible.",
    REGISTRATION_CLOSED: "Cet événement ne prend pas d'inscriptions.",
    DEADLINE_PASSED: "Les inscriptions à cet événement sont closes.",
    EVENT_STARTED: "Cet événement a déjà commencé.",
    PARTY_TOO_LARGE: "Votre groupe dépasse la taille autorisée pour cet événement.",
    ALREADY_REGISTERED: "Cette adresse e-mail est déjà inscrite à cet événement.",
    NOT_FOUND: "Introuvable ; ce contenu n'est peut-être plus publié.",
    INVALID_TOKEN: "Ce lien n'est pas valide. Utilisez le lien de votre e-mail tel quel.",
    EXPIRED_TOKEN: "Ce lien a expiré. Abonnez-vous à nouveau pour en recevoir un nouveau.",
    ALREADY_CANCELLED: "Cette inscription est déjà annulée.",
    CONSENT_REQUIRED: "Pour laisser votre adresse e-mail, cochez la case de consentement.",
    UNKNOWN_COMMUNITY: "Communauté inconnue.",
    UNKNOWN_KIND: "Type d'article inconnu.",
    UNKNOWN_TOPIC: "Thème inconnu.",
    UNKNOWN_FREQUENCY: "Choisissez une fréquence.",
    RATE_LIMITED: "Trop de tentatives. Patientez un peu avant de réessayer.",
    REJECTED: "Votre demande n'a pas pu être acceptée.",
    UNAVAILABLE: "Le service est indisponible pour le moment. Veuillez réessayer plus tard.",
    EXPIRED: "Cet aperçu a expiré : cliquez à nouveau sur Aperçu dans l'administration.",
    USED: "Ce lien d'aperçu a déjà servi : cliquez à nouveau sur Aperçu dans l'administration.",
  },
  de: {
    REQUIRED: "Bitte ausfüllen.",
    INVALID: "Bitte prüfen Sie die Eingabe (E-Mail-Adressen müssen zu einer öffentlichen Domain gehören).",
    TOO_LONG: "Das ist zu lang.",
    TOO_MANY: "Zu viele Angaben: höchstens 50.",
    OUT_OF_RANGE: "Bitte eine Zahl ab 1 eingeben.",
    UNKNOWN_LOCALE: "Diese Sprache ist nicht verfügbar.",
    REGISTRATION_CLOSED: "Für diese Veranstaltung ist keine Anmeldung möglich.",
    DEADLINE_PASSED: "Die Anmeldefrist für diese Veranstaltung ist abgelaufen.",
    EVENT_STARTED: "Diese Veranstaltung hat schon begonnen.",
    PARTY_TOO_LARGE: "Ihre Gruppe ist größer, als die Veranstaltung erlaubt.",
    ALREADY_REGISTERED: "Mit dieser E-Mail-Adresse besteht schon eine Anmeldung für diese Veranstaltung.",
    NOT_FOUND: "Nicht gefunden; möglicherweise ist es nicht mehr veröffentlicht.",
    INVALID_TOKEN: "Dieser Link ist ungültig. Bitte verwenden Sie den Link aus Ihrer E-Mail unverändert.",
    EXPIRED_TOKEN: "Dieser Link ist abgelaufen. Bitte abonnieren Sie erneut, um einen neuen zu erhalten.",
    ALREADY_CANCELLED: "Diese Anmeldung wurde bereits storniert.",
    CONSENT_REQUIRED: "Um Ihre E-Mail-Adresse anzugeben, setzen Sie bitte das Häkchen zur Einwilligung.",
    UNKNOWN_COMMUNITY: "Unbekannte Gemeinde.",
    UNKNOWN_KIND: "Unbekannte Artikelart.",
    UNKNOWN_TOPIC: "Unbekanntes Thema.",
    UNKNOWN_FREQUENCY: "Bitte wählen Sie die Häufigkeit.",
    RATE_LIMITED: "Zu viele Versuche. Bitte warten Sie eine Weile und versuchen Sie es erneut.",
    REJECTED: "Ihre Anfrage konnte nicht angenommen werden.",
    UNAVAILABLE: "Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.",
    EXPIRED: "Diese Vorschau ist abgelaufen: Klicken Sie in der Verwaltung erneut auf „Vorschau“.",
    USED: "Dieser Vorschau-Link wurde schon verwendet: Klicken Sie in der Verwaltung erneut auf „Vorschau“.",
  },
  es: {
    REQUIRED: "Rellene este campo.",
    INVALID: "Revise este dato (el correo debe ser de un dominio público).",
    TOO_LONG: "Es demasiado largo.",
    TOO_MANY: "Demasiadas opciones: 50 como máximo.",
    OUT_OF_RANGE: "Indique un número de al menos 1.",
    UNKNOWN_LOCALE: "Este idioma no está disponible.",
    REGISTRATION_CLOSED: "Este evento no admite inscripciones.",
    DEADLINE_PASSED: "La inscripción para este evento está cerrada.",
    EVENT_STARTED: "Este evento ya ha empezado.",
    PARTY_TOO_LARGE: "Su grupo supera el tamaño que admite este evento.",
    ALREADY_REGISTERED: "Este correo ya está inscrito en este evento.",
    NOT_FOUND: "No se ha encontrado; puede que ya no esté publicado.",
    INVALID_TOKEN: "Este enlace no es válido. Use el enlace de su correo tal cual.",
    EXPIRED_TOKEN: "Este enlace ha caducado. Suscríbase de nuevo para recibir uno nuevo.",
    ALREADY_CANCELLED: "Esta inscripción ya estaba cancelada.",
    CONSENT_REQUIRED: "Para dejar su correo, marque la casilla de consentimiento.",
    UNKNOWN_COMMUNITY: "Comunidad desconocida.",
    UNKNOWN_KIND: "Tipo de artículo desconocido.",
    UNKNOWN_TOPIC: "Tema desconocido.",
    UNKNOWN_FREQUENCY: "Elija la frecuencia.",
    RATE_LIMITED: "Demasiados intentos. Espere un poco e inténtelo de nuevo.",
    REJECTED: "No se ha podido aceptar su solicitud.",
    UNAVAILABLE: "El servicio no está disponible en este momento. Inténtelo de nuevo más tarde.",
    EXPIRED: "Esta vista previa ha caducado: pulse de nuevo Vista previa en la administración.",
    USED: "Este enlace de vista previa ya se usó: pulse de nuevo Vista previa en la administración.",
  },
};

export function errorMessage(locale: Locale, code: string): string {
  const messages = ERROR_MESSAGES[locale];
  return (messages as Record<string, string>)[code] ?? messages.UNAVAILABLE;
}
