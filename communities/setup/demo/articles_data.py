"""Article templates: per-community pools (one per kind), Huacao's own, and city-wide articles.

Placeholders filled per community: {name}, {name_zh}, {district}, {district_zh}, {centre},
{centre_zh}, {email}, {phone}, {slug}. City-wide articles use none.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from communities.setup.demo.text import CTA, FAQ, UL, Block, H, Img, P, Quote, T, Table, t

FRONTEND = "https://community.example.org"


@dataclass(frozen=True)
class ArticleSpec:
    slug: str
    kind: str
    title: T
    summary: T
    body: Sequence[Block]
    topics: Sequence[str]
    hero: str
    bureau: str = ""
    effective_days: int | None = None  # effective_from = today + effective_days
    expires_days: int | None = None  # expires_on = today + expires_days
    priority: str = "normal"
    published_on: date | None = None  # a fixed date for historic articles


# News -----------------------------------------------------------------------------------------

NEWS_POOL = [
    ArticleSpec(
        slug="weekend-help-desk",
        kind="news",
        title=t(
            "{name} opens a weekend help desk for international residents",
            "{name_zh}为外籍居民开设周末服务台",
        ),
        summary=t(
            "On Saturday mornings staff at the {centre} now help with registration, permits and "
            "everyday questions, in English and Chinese.",
            "每周六上午，{centre_zh}的工作人员将用中英文为外籍居民解答住宿登记、证件办理和"
            "日常生活问题。",
        ),
        body=[
            P(
                t(
                    "Many international residents of {name} work long weekdays and told us they "
                    "could not reach the service centre during office hours. From this month, a "
                    "<b>weekend help desk</b> opens every Saturday morning.",
                    "许多{name_zh}的外籍居民工作日工作繁忙，反映难以在办公时间前往服务中心。"
                    "从本月起，<b>周末服务台</b>每周六上午开放。",
                )
            ),
            H(t("What the desk can help with", "服务台可以提供哪些帮助")),
            UL(
                [
                    t(
                        "Accommodation registration and changes of address",
                        "住宿登记和地址变更",
                    ),
                    t(
                        "Preparing documents for residence permit applications",
                        "准备居留许可申请材料",
                    ),
                    t(
                        "Finding a clinic, a school or a Chinese class nearby",
                        "寻找附近的诊所、学校或中文课程",
                    ),
                    t(
                        "Questions about waste sorting, utilities and property services",
                        "垃圾分类、水电煤和物业服务相关问题",
                    ),
                ]
            ),
            Table(
                [
                    ["Day", "Hours", "Languages"],
                    ["Saturday", "9:00–12:00", "English, Chinese"],
                    ["Weekdays", "9:00–17:00", "Chinese; English on request"],
                ],
                caption="Help desk opening hours",
            ),
            CTA(t("Ask the help desk", "咨询服务台"), FRONTEND + "/communities/{slug}/"),
        ],
        topics=["community-life", "visas-residence"],
        hero="community-centre",
    ),
    ArticleSpec(
        slug="bilingual-signage",
        kind="news",
        title=t(
            "New bilingual signs make {name} easier to navigate",
            "{name_zh}新增双语标识，出行更便利",
        ),
        summary=t(
            "Street names, bus stops and public buildings in {name} now carry signs in Chinese "
            "and English, with more to follow in parks and residential compounds.",
            "{name_zh}的路名牌、公交站和公共建筑已换上中英双语标识，公园和居民小区的标识也将陆续更新。",
        ),
        body=[
            P(
                t(
                    "Over the past weeks, work crews have replaced more than a hundred signs "
                    "across {name} (demo value). The new signs follow the city's standard for "
                    "English translations of public signs.",
                    "过去几周，施工人员在{name_zh}更换了一百多块标识牌（演示数值）。新标识执行"
                    "本市公共场所英文译写规范。",
                )
            ),
            Quote(
                t(
                    "I used to show taxi drivers a screenshot of my address. Now I can simply "
                    "read the sign at the corner.",
                    "以前我要给出租车司机看地址截图，现在直接看路口的标识牌就行了。",
                ),
                t("A resident of {name}", "{name_zh}居民"),
            ),
            P(
                t(
                    "Spotted a sign that is wrong or hard to understand? Tell the community "
                    "office and it will be passed on to the team in charge.",
                    "如果发现标识有误或难以理解，请告诉社区办公室，我们会转交负责部门处理。",
                )
            ),
            Img("metro", t("New signs point the way to Metro stations.", "新标识指引前往地铁站。")),
        ],
        topics=["transport", "community-life"],
        hero="metro",
    ),
    ArticleSpec(
        slug="clinic-english-sessions",
        kind="news",
        title=t(
            "Community health centre near {name} adds English-speaking GP sessions",
            "{name_zh}社区卫生服务中心增设英语全科门诊时段",
        ),
        summary=t(
            "Two afternoons a week, a general practitioner who speaks English sees patients at "
            "the community health centre; appointments can be booked by phone or online.",
            "社区卫生服务中心每周两个下午安排会讲英语的全科医生接诊，可通过电话或网上预约。",
        ),
        body=[
            P(
                t(
                    "Community health centres are the first stop for everyday illnesses, "
                    "vaccinations and check-ups. They are usually much cheaper and less crowded "
                    "than big hospitals.",
                    "社区卫生服务中心是看常见病、接种疫苗和体检的首选，费用通常比大医院低，"
                    "人也更少。",
                )
            ),
            H(t("How to book", "如何预约")),
            P(
                t(
                    "Bring your passport and, if you have one, your social insurance card. "
                    "Appointments for the English-speaking sessions open one week ahead.",
                    "请携带护照，如有社保卡也请一并带上。英语门诊时段提前一周开放预约。",
                )
            ),
            FAQ(
                [
                    (
                        t("Do I need Chinese medical insurance?", "我需要国内医保吗？"),
                        t(
                            "No. You can pay yourself and claim from a private insurer; bring "
                            "the receipt and the medical record.",
                            "不需要。您可以自费就诊后向商业保险公司理赔，请保留发票和病历。",
                        ),
                    ),
                    (
                        t("Can I bring my children?", "可以带孩子来看病吗？"),
                        t(
                            "Yes, the centre also treats children for common illnesses.",
                            "可以，中心也为儿童诊治常见病。",
                        ),
                    ),
                ]
            ),
            CTA(t("Book an appointment", "预约挂号"), FRONTEND + "/communities/{slug}/health/"),
        ],
        topics=["healthcare"],
        hero="clinic",
    ),
    ArticleSpec(
        slug="residents-ideas-call",
        kind="news",
        title=t(
            "{name} invites international residents to share ideas for local services",
            "{name_zh}邀请外籍居民为社区服务建言献策",
        ),
        summary=t(
            "Following the 'Your Voice Matters' roundtable in Huacao Town, {name} is collecting "
            "suggestions from foreign residents; the results go to the district and city bureaus.",
            "继华漕镇“你的声音很重要”圆桌会之后，{name_zh}也开始征集外籍居民的建议，"
            "汇总结果将报送区和市相关部门。",
        ),
        body=[
            P(
                t(
                    "What would make life in {name} easier for you? Longer opening hours, more "
                    "signs in English, a weekend market, a place for children to play? The "
                    "community office wants to know.",
                    "怎样能让您在{name_zh}的生活更便利？延长开放时间、更多英文标识、周末市集，"
                    "还是儿童游乐场所？社区办公室希望听到您的想法。",
                )
            ),
            P(
                t(
                    "The call follows the <b>CNS Loyalty Program: Your Voice Matters</b> "
                    "roundtable at the Huacao International Community Center, whose findings "
                    "Huacao Town now shares with other sub-districts.",
                    "此次征集源于在华漕国际社区中心举办的<b>“CNS忠诚计划：你的声音很重要”</b>"
                    "圆桌会，华漕镇正将会上收集的意见分享给其他街镇。",
                )
            ),
            Quote(
                t(
                    "Every suggestion is read, and we report back on what has changed.",
                    "每一条建议我们都会认真阅读，并反馈落实情况。",
                ),
                t("{name} community office", "{name_zh}社区办公室"),
            ),
            CTA(t("Share your ideas", "提交建议"), FRONTEND + "/feedback/?community={slug}"),
        ],
        topics=["community-life"],
        hero="forum",
    ),
    ArticleSpec(
        slug="mandarin-new-term",
        kind="news",
        title=t(
            "Free Mandarin classes return to {name} for the new term",
            "{name_zh}新学期免费中文课程开课",
        ),
        summary=t(
            "Beginner and intermediate groups meet weekly at the {centre}; places are limited "
            "and registration is open now.",
            "初级班和中级班每周在{centre_zh}上课，名额有限，现已开放报名。",
        ),
        body=[
            P(
                t(
                    "The community's volunteer teachers are back with a new term of free "
                    "Mandarin classes for adults. Classes focus on the Chinese you need every "
                    "day: shopping, transport, the doctor and chatting with neighbours.",
                    "社区志愿者老师带来新一学期的成人免费中文课程，重点学习日常生活用语："
                    "购物、出行、看病以及和邻居聊天。",
                )
            ),
            Table(
                [
                    ["Level", "When", "Good for"],
                    ["Beginner", "Tuesday 19:00–20:30", "No Chinese yet"],
                    ["Intermediate", "Thursday 19:00–20:30", "About 300 words or more"],
                    ["Conversation club", "Saturday 10:00–11:00", "Everyone"],
                ],
                caption="Class timetable",
            ),
            P(
                t(
                    "Textbooks are provided. Please register once for the whole term so that "
                    "teachers can plan groups.",
                    "课程免费提供教材。请整学期统一报名，以便老师安排分班。",
                )
            ),
            CTA(t("Register for a class", "报名课程"), FRONTEND + "/communities/{slug}/events/"),
        ],
        topics=["education", "culture"],
        hero="classroom",
    ),
]

# Policy updates -------------------------------------------------------------------------------

POLICY_POOL = [
    ArticleSpec(
        slug="residence-permit-renewals",
        kind="policy",
        title=t(
            "Residence permit renewals: what residents of {name} need to know",
            "居留许可延期：{name_zh}居民须知",
        ),
        summary=t(
            "Apply at least 30 days before your permit expires. Appointments are booked online "
            "and the application can be handled at the district exit-entry hall.",
            "请在居留许可到期前至少30天提出申请。需在网上预约，并可在区出入境接待大厅办理。",
        ),
        body=[
            P(
                t(
                    "The Exit-Entry Administration reminds foreign residents to renew residence "
                    "permits in good time. Late applications can lead to fines and problems "
                    "when travelling.",
                    "出入境管理局提醒外籍居民及时办理居留许可延期。逾期申请可能被处以罚款，"
                    "并影响出行。",
                )
            ),
            H(t("Documents to prepare", "需要准备的材料")),
            UL(
                [
                    t("Passport with the current residence permit", "载有现居留许可的护照"),
                    t(
                        "Accommodation registration form from your local police station",
                        "派出所出具的住宿登记表",
                    ),
                    t(
                        "Work permit or a letter from your school or employer",
                        "工作许可或学校、单位出具的证明函",
                    ),
                    t("One recent passport photo", "近期护照照片一张"),
                ]
            ),
            FAQ(
                [
                    (
                        t(
                            "Can I travel while my passport is being processed?",
                            "办理期间可以出行吗？",
                        ),
                        t(
                            "You receive a receipt that lets you stay legally, but you cannot "
                            "leave the country until the passport is returned.",
                            "您会拿到一张回执，可合法停留，但在护照退还前不能出境。",
                        ),
                    ),
                    (
                        t("How long does it take?", "办理需要多长时间？"),
                        t(
                            "Usually around seven working days; check the receipt for the "
                            "pick-up date.",
                            "一般约七个工作日，具体领取日期以回执为准。",
                        ),
                    ),
                ]
            ),
            CTA(
                t("Read the official announcement", "查看官方公告"),
                "https://example.org/demo/exit-entry/residence-permits",
            ),
        ],
        topics=["visas-residence"],
        hero="skyline",
        bureau="exit-entry",
        effective_days=-30,
        expires_days=335,
    ),
    ArticleSpec(
        slug="waste-collection-times",
        kind="policy",
        title=t(
            "Waste sorting: new collection times for residential compounds in {name}",
            "垃圾分类：{name_zh}居民小区投放时间调整",
        ),
        summary=t(
            "Household food waste is collected at fixed morning and evening times; the other "
            "bins stay open all day. Compounds will post the exact times at each bin station.",
            "湿垃圾实行早晚定时投放，其他垃圾桶全天开放。各小区将在投放点张贴具体时间。",
        ),
        body=[
            P(
                t(
                    "Shanghai sorts household waste into four kinds. To keep bin stations clean "
                    "in summer, residential compounds in {name} are moving to fixed collection "
                    "times for household food waste.",
                    "上海生活垃圾分为四类。为保持夏季投放点整洁，{name_zh}各居民小区将对湿垃圾"
                    "实行定时投放。",
                )
            ),
            Table(
                [
                    ["Bin", "What goes in", "When"],
                    [
                        "Household food waste",
                        "Leftovers, peels, tea leaves",
                        "7:00–9:00, 18:00–20:00",
                    ],
                    ["Residual waste", "Tissues, ceramics, nappies", "All day"],
                    ["Recyclables", "Paper, plastic bottles, metal, glass", "All day"],
                    ["Hazardous waste", "Batteries, medicines, paint", "All day"],
                ],
                caption="Bin stations in residential compounds",
            ),
            P(
                t(
                    "Volunteers will stand by the bin stations during the first weeks to help. "
                    "Ask your property management office if your building has a different "
                    "arrangement.",
                    "最初几周会有志愿者在投放点值守指导。如果您所在的楼栋另有安排，请咨询物业。",
                )
            ),
            Img(
                "park",
                t("Cleaner bin stations mean cleaner green spaces.", "投放点整洁，绿地更干净。"),
            ),
        ],
        topics=["community-life", "housing"],
        hero="park",
        bureau="greening-city-appearance",
        effective_days=14,
    ),
    ArticleSpec(
        slug="single-window-permits",
        kind="policy",
        title=t(
            "Work and residence permits: one application at a single window in {district}",
            "工作许可与居留许可：{district_zh}实行“一窗受理”",
        ),
        summary=t(
            "Employers and foreign employees can now submit work permit and residence permit "
            "applications together, with one set of documents.",
            "用人单位和外籍员工现在可以一次性提交工作许可和居留许可申请，只需准备一套材料。",
        ),
        body=[
            P(
                t(
                    "Instead of visiting two offices, applicants hand in one set of documents at "
                    "a single window. The human resources and exit-entry services then process "
                    "the work permit and the residence permit together.",
                    "申请人无需再跑两个部门，只需在一个窗口提交一套材料，人社部门和出入境部门"
                    "将同步办理工作许可和居留许可。",
                )
            ),
            H(t("Step by step", "办理步骤")),
            UL(
                [
                    t(
                        "The employer applies online for the work permit",
                        "用人单位网上申请工作许可",
                    ),
                    t("Book an appointment at the single window", "预约“一窗受理”窗口"),
                    t("Hand in your passport and documents", "提交护照和申请材料"),
                    t("Collect both permits together", "同时领取两证"),
                ],
                ordered=True,
            ),
            Quote(
                t(
                    "Our aim is that a foreign professional visits us once, not several times.",
                    "我们的目标是让外籍人才“只跑一次”。",
                ),
                t("Single-window service team", "“一窗受理”服务团队"),
            ),
            CTA(
                t("See the official guidance", "查看官方指南"),
                "https://example.org/demo/hr-social-security/single-window",
            ),
        ],
        topics=["business", "visas-residence"],
        hero="skyline",
        bureau="hr-social-security",
        effective_days=-60,
    ),
    ArticleSpec(
        slug="school-enrolment-dates",
        kind="policy",
        title=t(
            "School enrolment for international families: key dates in {district}",
            "外籍家庭子女入学：{district_zh}重要时间节点",
        ),
        summary=t(
            "Registration for primary and middle school places opens online in spring. Children "
            "with a valid residence permit may apply for a place at a local public school.",
            "中小学入学网上登记于春季开始。持有效居留许可的外籍儿童可申请就读本区公办学校。",
        ),
        body=[
            P(
                t(
                    "Families who would like their children to attend a local public school, "
                    "rather than an international school, should register online and then "
                    "confirm documents at the district education office.",
                    "希望孩子就读本地公办学校（而非国际学校）的家庭，需先网上登记，再到区教育部门"
                    "核验材料。",
                )
            ),
            Table(
                [
                    ["Step", "When"],
                    ["Online registration", "Early spring (see the official notice)"],
                    ["Document check", "About two weeks after registration"],
                    ["School places announced", "Early summer"],
                ],
                caption="Enrolment timetable",
            ),
            FAQ(
                [
                    (
                        t("Are lessons taught in Chinese?", "课程用中文授课吗？"),
                        t(
                            "Yes. Many schools offer extra Chinese support for newcomers.",
                            "是的。许多学校为新来的学生提供额外的中文辅导。",
                        ),
                    ),
                    (
                        t("Which documents are needed?", "需要哪些材料？"),
                        t(
                            "Passports and residence permits of the child and parents, the "
                            "accommodation registration and the child's vaccination record.",
                            "孩子和父母的护照及居留许可、住宿登记以及孩子的预防接种记录。",
                        ),
                    ),
                ]
            ),
            CTA(
                t("Official enrolment notice", "官方入学通知"),
                "https://example.org/demo/education/enrolment",
            ),
        ],
        topics=["education"],
        hero="classroom",
        bureau="education-commission",
        effective_days=30,
        expires_days=200,
    ),
    ArticleSpec(
        slug="medical-insurance-foreign-employees",
        kind="policy",
        title=t(
            "Foreign employees and basic medical insurance: contributions and benefits",
            "外籍员工与基本医疗保险：缴费与待遇",
        ),
        summary=t(
            "Foreign employees with a Shanghai employer join the city's social insurance, "
            "including basic medical insurance; here is what it covers.",
            "在沪就业的外籍员工依法参加本市社会保险，包括基本医疗保险。本文介绍其保障范围。",
        ),
        body=[
            P(
                t(
                    "Employers register foreign employees for social insurance just as they do "
                    "for Chinese staff. Contributions are shared between employer and employee "
                    "and deducted from the monthly salary.",
                    "用人单位须像为中国员工一样为外籍员工办理社保登记。保险费由单位和个人共同"
                    "缴纳，个人部分从月工资中扣除。",
                )
            ),
            H(t("What is covered", "保障范围")),
            P(
                t(
                    "Outpatient visits and hospital stays at designated hospitals are partly "
                    "reimbursed. Show your social insurance card when you register at the "
                    "hospital.",
                    "在定点医院的门诊和住院费用可按规定报销一部分。挂号时请出示社保卡。",
                )
            ),
            FAQ(
                [
                    (
                        t("Does it replace private insurance?", "可以替代商业保险吗？"),
                        t(
                            "Many residents keep a private policy as well, for international "
                            "clinics and treatment abroad.",
                            "许多居民会同时保留商业保险，用于国际诊所就诊和境外治疗。",
                        ),
                    ),
                ]
            ),
        ],
        topics=["healthcare", "money-tax", "business"],
        hero="clinic",
        bureau="hr-social-security",
        effective_days=-120,
    ),
]

# Assistance programmes ------------------------------------------------------------------------

ASSISTANCE_POOL = [
    ArticleSpec(
        slug="senior-health-checks",
        kind="assistance",
        title=t(
            "Free health check-ups for international residents aged 60 and over in {name}",
            "{name_zh}为60岁及以上外籍居民提供免费体检",
        ),
        summary=t(
            "The community health centre offers a free annual check-up to older residents, "
            "foreign nationals included. Book a slot by phone; bring your passport.",
            "社区卫生服务中心为老年居民（含外籍人士）提供每年一次免费体检。请电话预约并携带护照。",
        ),
        body=[
            P(
                t(
                    "Residents aged 60 and over who live in {name} can have a free basic "
                    "check-up once a year at the community health centre.",
                    "居住在{name_zh}、年满60周岁的居民，每年可在社区卫生服务中心免费体检一次。",
                )
            ),
            UL(
                [
                    t("Blood pressure, blood sugar and cholesterol", "血压、血糖和血脂"),
                    t("Electrocardiogram and abdominal ultrasound", "心电图和腹部B超"),
                    t(
                        "A conversation with a family doctor about the results",
                        "由家庭医生解读结果",
                    ),
                ]
            ),
            P(
                t(
                    "Call {phone} to book. Staff can arrange an interpreter for English "
                    "speakers on request.",
                    "请拨打{phone}预约。如需英语翻译，可提前提出。",
                )
            ),
            CTA(t("Book a check-up", "预约体检"), FRONTEND + "/communities/{slug}/health/"),
        ],
        topics=["healthcare"],
        hero="clinic",
        bureau="health-commission",
        effective_days=-10,
        expires_days=80,
    ),
    ArticleSpec(
        slug="startup-support",
        kind="assistance",
        title=t(
            "Support for international entrepreneurs starting a business in {district}",
            "{district_zh}支持外籍人士创业",
        ),
        summary=t(
            "Advice on registering a company, rent-free desks in an incubator for six months "
            "and introductions to local partners for foreign founders.",
            "为外籍创业者提供公司注册咨询、孵化器六个月免租工位以及对接本地合作伙伴的服务。",
        ),
        body=[
            P(
                t(
                    "The district's enterprise service centre helps foreign founders from the "
                    "first idea to the first customer.",
                    "区企业服务中心为外籍创业者提供从创意到第一位客户的全程帮助。",
                )
            ),
            H(t("What the programme offers", "项目内容")),
            UL(
                [
                    t("One-to-one advice on company registration", "一对一公司注册咨询"),
                    t(
                        "A desk in a partner incubator, rent-free for six months",
                        "合作孵化器工位六个月免租",
                    ),
                    t("Introductions to banks, lawyers and accountants", "对接银行、律师和会计师"),
                ]
            ),
            Quote(
                t(
                    "Having someone explain each step in English saved us weeks.",
                    "有人用英语讲解每一步，为我们节省了好几周时间。",
                ),
                t("A founder supported by the programme", "项目支持的一位创业者"),
            ),
            CTA(
                t("Apply for support", "申请支持"),
                "https://example.org/demo/commerce/startup-support",
            ),
        ],
        topics=["business"],
        hero="forum",
        bureau="commerce-commission",
        effective_days=-45,
        expires_days=320,
    ),
    ArticleSpec(
        slug="mandarin-course-subsidy",
        kind="assistance",
        title=t(
            "Subsidised Mandarin courses for working international residents",
            "在职外籍居民中文课程补贴",
        ),
        summary=t(
            "Foreign employees who pay social insurance in Shanghai can have part of the fee for "
            "an approved Mandarin course refunded after passing the final test.",
            "在沪缴纳社保的外籍员工参加认定的中文课程并通过结业测试后，可报销部分学费。",
        ),
        body=[
            P(
                t(
                    "Speaking Chinese makes work and daily life easier. To encourage learning, "
                    "the programme refunds part of the course fee at approved schools.",
                    "会说中文让工作和生活都更方便。为鼓励学习，本项目对在认定机构参加的课程报销"
                    "部分学费。",
                )
            ),
            Table(
                [
                    ["Course", "Hours", "Refund"],
                    ["Beginner", "60", "Up to 50% (demo value)"],
                    ["Intermediate", "80", "Up to 50% (demo value)"],
                    ["Business Chinese", "40", "Up to 30% (demo value)"],
                ],
                caption="Courses and refunds",
            ),
            P(
                t(
                    "Keep your receipt and the certificate; claims are made online within three "
                    "months of finishing the course.",
                    "请保留发票和结业证书，并在结业后三个月内网上申请报销。",
                )
            ),
            CTA(
                t("Find an approved course", "查找认定课程"),
                "https://example.org/demo/hr-social-security/mandarin",
            ),
        ],
        topics=["education", "business"],
        hero="classroom",
        bureau="hr-social-security",
        effective_days=7,
    ),
    ArticleSpec(
        slug="newcomer-orientation",
        kind="assistance",
        title=t(
            "Newcomer orientation in {name}: one-to-one help in your first month",
            "{name_zh}新居民导引：到沪首月一对一帮助",
        ),
        summary=t(
            "New international residents can book a volunteer guide who helps with "
            "registration, a phone number, a bank account and finding their way around.",
            "新到的外籍居民可预约志愿者向导，协助办理住宿登记、手机号、银行账户并熟悉周边环境。",
        ),
        body=[
            P(
                t(
                    "Moving to a new city is easier with a friendly local guide. Volunteers "
                    "from {name} give newcomers three free sessions in their first month.",
                    "在新城市安家，有一位热心的本地向导会轻松很多。{name_zh}的志愿者将在新居民"
                    "到达首月提供三次免费帮助。",
                )
            ),
            UL(
                [
                    t("Accommodation registration at the police station", "到派出所办理住宿登记"),
                    t("A local phone number and mobile payments", "办理本地手机号和移动支付"),
                    t(
                        "A walk to the nearest clinic, market and Metro station",
                        "熟悉最近的诊所、菜场和地铁站",
                    ),
                ]
            ),
            FAQ(
                [
                    (
                        t("Who can use the service?", "谁可以申请？"),
                        t(
                            "Anyone who has moved to {name} in the past three months.",
                            "最近三个月内搬到{name_zh}的居民均可申请。",
                        ),
                    ),
                    (
                        t("Which languages do the volunteers speak?", "志愿者会说哪些语言？"),
                        t(
                            "English for every guide; some also speak Japanese, Korean, French "
                            "or Spanish.",
                            "所有向导都会说英语，部分还会说日语、韩语、法语或西班牙语。",
                        ),
                    ),
                ]
            ),
        ],
        topics=["visas-residence", "community-life"],
        hero="community-centre",
        bureau="exit-entry",
        effective_days=-20,
    ),
    ArticleSpec(
        slug="after-school-care",
        kind="assistance",
        title=t(
            "After-school care places for international families in {name}",
            "{name_zh}为外籍家庭提供课后托管名额",
        ),
        summary=t(
            "Primary school children can stay for homework help, sports and reading until "
            "18:00 on weekdays; places are subsidised and limited.",
            "小学生可在工作日留校至18:00，参加作业辅导、体育和阅读活动；名额有限，费用有补贴。",
        ),
        body=[
            P(
                t(
                    "Working parents asked for it, and the community listened: after-school care "
                    "now has places reserved for children of international families.",
                    "应双职工家长的呼声，社区课后托管现为外籍家庭子女预留名额。",
                )
            ),
            P(
                t(
                    "Care is run by trained staff at the community's activity rooms, a short "
                    "walk from local primary schools.",
                    "托管由经过培训的工作人员在社区活动室开展，距附近小学步行即可到达。",
                )
            ),
            Table(
                [
                    ["", "Details"],
                    ["Ages", "6 to 12"],
                    ["Hours", "Weekdays until 18:00"],
                    ["Fee", "Subsidised; see the application form"],
                ],
                caption="After-school care at a glance",
            ),
            CTA(
                t("Apply for a place", "申请名额"),
                "https://example.org/demo/education/after-school-care",
            ),
        ],
        topics=["education", "community-life"],
        hero="park",
        bureau="education-commission",
        effective_days=21,
        expires_days=140,
    ),
]

# Guides ---------------------------------------------------------------------------------------

GUIDE_POOL = [
    ArticleSpec(
        slug="accommodation-registration",
        kind="guide",
        title=t(
            "Registering your address within 24 hours: a step-by-step guide",
            "24小时内办理住宿登记：分步指南",
        ),
        summary=t(
            "Foreign nationals must register where they live within 24 hours of arrival. Hotels "
            "do it for you; if you rent or stay with friends, here is how.",
            "外国人须在入住后24小时内办理住宿登记。住酒店由酒店代办；若租房或借住朋友家，"
            "请按以下步骤办理。",
        ),
        body=[
            P(
                t(
                    "Accommodation registration tells the police where you live. You need the "
                    "registration form for almost everything else: residence permits, a bank "
                    "account, school places.",
                    "住宿登记让警方掌握您的居住地址。办理居留许可、开立银行账户、申请学位等几乎"
                    "所有事项都需要这张登记表。",
                )
            ),
            H(t("How to register", "如何登记")),
            UL(
                [
                    t("Find the police station that covers your address", "找到辖区派出所"),
                    t("Bring your passport and your rental contract", "携带护照和租房合同"),
                    t(
                        "Bring your landlord's ID card, or a copy and a signed note",
                        "带上房东身份证或复印件及签字说明",
                    ),
                    t("Keep the registration form in a safe place", "妥善保管登记表"),
                ],
                ordered=True,
            ),
            FAQ(
                [
                    (
                        t("Can I register online?", "可以网上登记吗？"),
                        t(
                            "In many areas, yes, through the city's online service; the first "
                            "registration may still need a visit.",
                            "很多地区可以通过本市网上服务平台办理，但首次登记可能仍需到场。",
                        ),
                    ),
                    (
                        t("What if I move?", "搬家了怎么办？"),
                        t(
                            "Register again at your new address within 24 hours.",
                            "请在入住新地址后24小时内重新登记。",
                        ),
                    ),
                ]
            ),
        ],
        topics=["visas-residence", "housing"],
        hero="community-centre",
    ),
    ArticleSpec(
        slug="waste-sorting-four-bins",
        kind="guide",
        title=t(
            "Waste sorting in {name}: the four bins explained",
            "{name_zh}垃圾分类：四类垃圾桶详解",
        ),
        summary=t(
            "Household food waste, residual waste, recyclables and hazardous waste: what goes "
            "where, with the colours of the bins.",
            "湿垃圾、干垃圾、可回收物和有害垃圾：什么垃圾扔哪个桶，一看就懂。",
        ),
        body=[
            P(
                t(
                    "Since 2019 Shanghai has required every household to sort its waste. It "
                    "quickly becomes a habit; this table helps in the first weeks.",
                    "自2019年起，上海要求每户居民进行垃圾分类。很快就会成为习惯，刚开始的几周可以"
                    "参考下表。",
                )
            ),
            Table(
                [
                    ["Bin colour", "Kind", "Examples"],
                    ["Brown", "Household food waste", "Food scraps, fruit, flowers"],
                    ["Black", "Residual waste", "Used tissues, cigarette ends, ceramics"],
                    ["Blue", "Recyclables", "Paper, bottles, cans, old clothes"],
                    ["Red", "Hazardous waste", "Batteries, bulbs, expired medicines"],
                ],
                caption="The four kinds of household waste",
            ),
            P(
                t(
                    "Tip: tear open food bags and put only the contents in the brown bin; the "
                    "bag goes into the black one.",
                    "小贴士：破袋投放湿垃圾，只把里面的厨余倒进棕色桶，袋子扔进黑色桶。",
                )
            ),
            Img("park"),
        ],
        topics=["community-life", "housing"],
        hero="park",
    ),
    ArticleSpec(
        slug="mobile-payments",
        kind="guide",
        title=t(
            "Paying with your phone: Alipay and WeChat Pay with a foreign bank card",
            "手机支付：用境外银行卡绑定支付宝和微信支付",
        ),
        summary=t(
            "Most shops, taxis and markets expect mobile payment. Both big apps accept major "
            "foreign cards; this guide walks you through the set-up.",
            "大多数商店、出租车和菜场都习惯手机支付。两大应用均支持主流境外银行卡，本指南"
            "带您一步步完成设置。",
        ),
        body=[
            P(
                t(
                    "Cash is still legal tender and must be accepted, but paying with your phone "
                    "is faster and expected almost everywhere.",
                    "现金仍是法定货币，商家必须接受，但手机支付更快捷，几乎随处可用。",
                )
            ),
            H(t("Setting up", "开通步骤")),
            UL(
                [
                    t(
                        "Install the app and register with your phone number",
                        "下载应用并用手机号注册",
                    ),
                    t("Verify your identity with your passport", "用护照完成实名认证"),
                    t(
                        "Add a Visa, Mastercard or other international card",
                        "绑定Visa、万事达等国际银行卡",
                    ),
                    t("Try a small payment at a convenience store", "先在便利店试一笔小额支付"),
                ],
                ordered=True,
            ),
            P(
                t(
                    "Small payments with a foreign card are usually free of service fees; larger "
                    "ones may carry a small fee. Check the app before you pay.",
                    "境外卡小额支付通常免手续费，大额支付可能收取少量费用，付款前请在应用内确认。",
                )
            ),
            FAQ(
                [
                    (
                        t("Can I receive money from friends?", "可以收朋友的转账吗？"),
                        t(
                            "With a foreign card, usually not; a Chinese bank account makes "
                            "transfers possible.",
                            "仅绑定境外卡通常不行，开立中国银行账户后即可收付转账。",
                        ),
                    ),
                ]
            ),
        ],
        topics=["money-tax", "community-life"],
        hero="metro",
    ),
    ArticleSpec(
        slug="seeing-a-doctor",
        kind="guide",
        title=t(
            "Seeing a doctor near {name}: clinics, appointments and insurance",
            "在{name_zh}附近就医：诊所、预约与保险",
        ),
        summary=t(
            "From the community health centre to international departments of big hospitals: "
            "where to go, how to book and what to bring.",
            "从社区卫生服务中心到大医院的国际医疗部：去哪里看病、如何预约、需要带什么。",
        ),
        body=[
            P(
                t(
                    "For a cold, a vaccination or a repeat prescription, start at the community "
                    "health centre. For specialists, go to a hospital's outpatient department.",
                    "感冒、接种疫苗或开常用药，首选社区卫生服务中心；看专科请到医院门诊。",
                )
            ),
            H(t("Booking an appointment", "预约挂号")),
            P(
                t(
                    "Most hospitals take bookings through their official accounts in the big "
                    "messaging and payment apps. You will need your passport number.",
                    "大多数医院可通过其在主流社交和支付应用中的官方账号预约，需要填写护照号码。",
                )
            ),
            H(t("In an emergency", "紧急情况")),
            P(
                t(
                    "Call <b>120</b> for an ambulance. Say your address slowly, or ask a "
                    "neighbour to help.",
                    "急救请拨打<b>120</b>。请慢慢说出地址，或请邻居帮忙。",
                )
            ),
            Img(
                "clinic",
                t(
                    "Community health centres handle most everyday needs.",
                    "社区卫生服务中心可满足大部分日常就医需求。",
                ),
            ),
        ],
        topics=["healthcare"],
        hero="clinic",
    ),
    ArticleSpec(
        slug="getting-around",
        kind="guide",
        title=t(
            "Getting around {district}: Metro, buses and the transport QR code",
            "{district_zh}出行：地铁、公交与乘车码",
        ),
        summary=t(
            "Pay for the Metro and buses with a QR code in your phone or a transport card; "
            "ride-hailing apps have English menus.",
            "乘坐地铁和公交可使用手机乘车码或交通卡；网约车应用提供英文界面。",
        ),
        body=[
            P(
                t(
                    "The Metro is the fastest way across the city. Stations announce stops in "
                    "Chinese and English, and signs are bilingual.",
                    "地铁是穿越城市最快的方式。车站用中英文报站，标识均为双语。",
                )
            ),
            UL(
                [
                    t("Open the transport QR code in your payment app", "在支付应用中打开乘车码"),
                    t("Scan at the gate or when boarding the bus", "进站闸机或上公交时扫码"),
                    t("Transfers between Metro and bus are discounted", "地铁与公交换乘可享优惠"),
                ]
            ),
            Quote(
                t(
                    "I bought a bike helmet and now cycle to the Metro; it takes ten minutes.",
                    "我买了头盔，现在骑车去地铁站，只要十分钟。",
                ),
                t("A resident of {name}", "{name_zh}居民"),
            ),
            Img("metro"),
        ],
        topics=["transport"],
        hero="metro",
    ),
]

# Stories --------------------------------------------------------------------------------------

STORY_POOL = [
    ArticleSpec(
        slug="first-year-in-shanghai",
        kind="story",
        title=t(
            "'It finally feels like home': a {name} neighbour's first year",
            "“终于有了家的感觉”：一位{name_zh}居民的第一年",
        ),
        summary=t(
            "Twelve months ago she arrived with two suitcases and no Chinese. Today she runs "
            "the compound's book swap and greets the vegetable seller by name.",
            "一年前，她带着两个行李箱来到这里，一句中文也不会。如今她在小区组织换书活动，"
            "还能叫出菜贩的名字。",
        ),
        body=[
            P(
                t(
                    'The first weeks were a blur of paperwork. "The help desk at the community '
                    'centre sorted out my registration in one morning," she remembers.',
                    "最初几周忙于各种手续。“社区中心的服务台一个上午就帮我办好了登记。”她回忆道。",
                )
            ),
            Quote(
                t(
                    "The turning point was the Mandarin class. Suddenly I could chat with the "
                    "aunties in the courtyard.",
                    "转折点是中文课。突然之间，我能和院子里的阿姨们聊天了。",
                ),
                t("A resident of {name}", "{name_zh}居民"),
            ),
            P(
                t(
                    "Now she helps newcomers herself, as a volunteer guide in the newcomer "
                    "orientation programme.",
                    "如今，她作为新居民导引项目的志愿者向导，帮助新来的邻居。",
                )
            ),
            P(
                t(
                    "Her advice to new arrivals: say yes to every invitation in the first month.",
                    "她给新来者的建议是：第一个月，接受每一个邀请。",
                )
            ),
        ],
        topics=["community-life"],
        hero="park",
    ),
    ArticleSpec(
        slug="tea-ceremony-volunteer",
        kind="story",
        title=t(
            "From tea-ceremony beginner to volunteer host",
            "从茶艺新手到志愿主持人",
        ),
        summary=t(
            "A class at the community centre turned into a passion: meet the resident who now "
            "pours tea for newcomers every month.",
            "社区中心的一堂课点燃了热情：认识这位如今每月为新居民奉茶的邻居。",
        ),
        body=[
            P(
                t(
                    'He signed up for a tea ceremony class "to be polite" when a neighbour '
                    "invited him. Two years later he hosts the sessions himself.",
                    "当初邻居邀请他参加茶艺课，他“出于礼貌”报了名。两年后，他已经亲自主持课程。",
                )
            ),
            P(
                t(
                    "Each session starts with the same ritual: warming the cups, smelling the "
                    "leaves and a first short infusion.",
                    "每次课都从同样的仪式开始：温杯、闻香，再冲第一道短泡。",
                )
            ),
            Quote(
                t(
                    "Tea slows everyone down. People who would never talk on the Metro end up "
                    "sharing stories.",
                    "茶让大家慢下来。在地铁上从不交谈的人，坐在一起就聊开了。",
                ),
                t("Volunteer tea host", "志愿茶艺主持人"),
            ),
            Img("tea", t("A tea session at the community centre.", "社区中心的一次茶艺活动。")),
        ],
        topics=["culture", "community-life"],
        hero="tea",
    ),
    ArticleSpec(
        slug="saturday-running-club",
        kind="story",
        title=t(
            "The Saturday running club bringing {name} neighbours together",
            "周六跑团让{name_zh}的邻居们走到一起",
        ),
        summary=t(
            "Five kilometres, three languages and breakfast afterwards: how a small running "
            "group became one of the community's favourite meeting points.",
            "五公里、三种语言，跑完一起吃早餐：一个小跑团如何成为社区最受欢迎的聚会方式。",
        ),
        body=[
            P(
                t(
                    "It started with four runners and a WeChat group. Now more than thirty "
                    "people meet at the park gate at 7:30 every Saturday (demo value).",
                    "起初只有四名跑者和一个微信群。如今每周六早上7:30，三十多人在公园门口集合"
                    "（演示数值）。",
                )
            ),
            P(
                t(
                    "The pace is gentle and nobody is left behind. Afterwards the group shares "
                    "soy milk and youtiao at a stall around the corner.",
                    "配速轻松，不落下任何人。跑完后大家在街角的早点摊一起吃豆浆油条。",
                )
            ),
            Quote(
                t(
                    "I came for the exercise and stayed for the friends.",
                    "我为了锻炼而来，为了朋友留下。",
                ),
                t("A member of the running club", "跑团成员"),
            ),
            Img("park"),
        ],
        topics=["community-life", "culture"],
        hero="park",
    ),
    ArticleSpec(
        slug="notice-translators",
        kind="story",
        title=t(
            "Meet the volunteers who translate community notices",
            "走近为社区通知做翻译的志愿者",
        ),
        summary=t(
            "When the water goes off or a typhoon approaches, a small team makes sure every "
            "resident understands the notice, in five languages.",
            "停水或台风来临时，一支小团队确保每位居民都能看懂通知——用五种语言。",
        ),
        body=[
            P(
                t(
                    "The team includes a retired English teacher, two students and a Japanese "
                    "engineer. They translate urgent notices within the hour.",
                    "团队里有一位退休英语老师、两名学生和一位日本工程师。紧急通知他们一小时内就能"
                    "译好。",
                )
            ),
            P(
                t(
                    "Their work now feeds the city's information service, so the same notice "
                    "reaches residents on the website and in the mini-program.",
                    "他们的译文如今接入城市信息服务平台，同一条通知可同时通过网站和小程序送达居民。",
                )
            ),
            Quote(
                t(
                    "A notice nobody understands is not a notice.",
                    "没人看得懂的通知，就不算通知。",
                ),
                t("Volunteer translator", "志愿翻译"),
            ),
            P(
                t(
                    "New volunteers are welcome; write to {email}.",
                    "欢迎新志愿者加入，请发邮件至{email}。",
                )
            ),
        ],
        topics=["community-life"],
        hero="community-centre",
    ),
    ArticleSpec(
        slug="cafe-owner-story",
        kind="story",
        title=t(
            "A café owner in {district} on finding customers and friends",
            "{district_zh}一位咖啡馆店主的创业与交友故事",
        ),
        summary=t(
            "Opening a small business as a foreigner meant paperwork, patience and a lot of "
            "help from neighbours. Three years on, the café is a local fixture.",
            "作为外国人开一家小店，意味着手续、耐心和邻居们的许多帮助。三年过去，这家咖啡馆"
            "已成为街坊们的老去处。",
        ),
        body=[
            P(
                t(
                    "The enterprise service centre helped with the licence; the neighbours "
                    "helped with everything else.",
                    "企业服务中心帮忙办好了执照，其余的一切都靠邻居们帮忙。",
                )
            ),
            Quote(
                t(
                    "The grandmother upstairs taught me to make scallion pancakes. Now they are "
                    "on the menu.",
                    "楼上的奶奶教我做葱油饼，现在它上了我们的菜单。",
                ),
                t("Café owner", "咖啡馆店主"),
            ),
            P(
                t(
                    "Her tip for other founders: join the business forums at the community "
                    "centre; that is where she met her accountant and her first regulars.",
                    "她给其他创业者的建议：参加社区中心的商务论坛——她就是在那里认识了会计师和"
                    "第一批熟客。",
                )
            ),
            P(
                t(
                    "The café now hosts a monthly language exchange on Friday evenings.",
                    "咖啡馆现在每月举办一次周五晚间语言交换活动。",
                )
            ),
        ],
        topics=["business", "community-life"],
        hero="cooking",
    ),
]

# Notices --------------------------------------------------------------------------------------

NOTICE_POOL = [
    ArticleSpec(
        slug="water-supply-interruption",
        kind="notice",
        title=t(
            "Planned water supply interruption in parts of {name}",
            "{name_zh}部分区域计划停水通知",
        ),
        summary=t(
            "Because of pipe replacement, water will be off for about eight hours in some "
            "residential compounds. Please store water in advance.",
            "因管道更换，部分居民小区将停水约八小时，请提前储水。",
        ),
        body=[
            P(
                t(
                    "The water company is replacing an old main pipe. Compounds along the works "
                    "will have no water during the times below.",
                    "供水公司将更换一段老旧总管，施工沿线小区在以下时段停水。",
                )
            ),
            Table(
                [
                    ["Area", "From", "To"],
                    ["Compounds north of the main road", "Tuesday 9:00", "Tuesday 17:00"],
                    ["Compounds south of the main road", "Wednesday 9:00", "Wednesday 17:00"],
                ],
                caption="Interruption times",
            ),
            P(
                t(
                    "After the water returns it may look cloudy for a few minutes; let the tap "
                    "run until it is clear.",
                    "恢复供水后水可能短时浑浊，请打开水龙头放水至清澈。",
                )
            ),
            CTA(
                t("Get notices by email", "订阅通知邮件"), FRONTEND + "/subscribe/?community={slug}"
            ),
        ],
        topics=["housing", "community-life"],
        hero="community-centre",
        priority="urgent",
    ),
    ArticleSpec(
        slug="holiday-opening-hours",
        kind="notice",
        title=t(
            "Holiday opening hours at the {centre}",
            "{centre_zh}假期开放时间",
        ),
        summary=t(
            "The centre closes for the public holiday and reopens on the first working day; the "
            "12345 city hotline answers questions in the meantime.",
            "中心在法定假日期间闭馆，首个工作日恢复开放；其间如有问题可拨打12345市民服务热线。",
        ),
        body=[
            P(
                t(
                    "During the coming public holiday the {centre} is closed. Services resume on "
                    "the first working day after the holiday.",
                    "即将到来的法定假日期间，{centre_zh}闭馆，节后首个工作日恢复服务。",
                )
            ),
            Table(
                [
                    ["Service", "During the holiday"],
                    ["Help desk", "Closed"],
                    ["Classes and events", "Cancelled unless announced"],
                    ["Self-service machines", "Available in the lobby"],
                ],
                caption="Holiday arrangements",
            ),
            P(
                t(
                    "For urgent questions call the city hotline <b>12345</b>, which offers help "
                    "in English.",
                    "如有紧急问题，请拨打市民服务热线<b>12345</b>，可提供英语服务。",
                )
            ),
        ],
        topics=["community-life"],
        hero="community-centre",
    ),
    ArticleSpec(
        slug="road-works-bus-diversions",
        kind="notice",
        title=t(
            "Road works and bus diversions around {name}",
            "{name_zh}周边道路施工及公交改道",
        ),
        summary=t(
            "A section of the main road is being resurfaced at night for two weeks; three bus "
            "lines take a detour and one stop moves temporarily.",
            "主干道一段将连续两周夜间铺设路面，三条公交线路临时绕行，一个站点临时迁移。",
        ),
        body=[
            P(
                t(
                    "Work takes place between 22:00 and 5:00 to keep disruption low. Expect "
                    "some noise near the works.",
                    "施工时间为22:00至次日5:00，以尽量减少影响。施工路段附近可能有噪音。",
                )
            ),
            UL(
                [
                    t("Three bus lines detour via side streets", "三条公交线路经支路绕行"),
                    t("One bus stop moves 200 metres north", "一个公交站临时北移200米"),
                    t("Cyclists should use the marked lane", "骑行者请走标示的车道"),
                ]
            ),
            P(
                t(
                    "Check the transport app for live bus times before you leave.",
                    "出门前请在交通应用中查看实时公交信息。",
                )
            ),
        ],
        topics=["transport"],
        hero="metro",
    ),
    ArticleSpec(
        slug="typhoon-season-alerts",
        kind="notice",
        title=t(
            "Typhoon season: how {name} will alert residents",
            "台风季：{name_zh}如何向居民发布预警",
        ),
        summary=t(
            "Warnings arrive by text message, in the community's notices and on this service. "
            "Know the colours of the warnings and what to do.",
            "预警将通过短信、社区通知和本平台发布。请了解预警颜色及应对措施。",
        ),
        body=[
            P(
                t(
                    "From July to September, typhoons can bring strong wind and heavy rain. "
                    "Warnings are colour coded: blue, yellow, orange and red.",
                    "每年7月至9月，台风可能带来大风和强降雨。预警按颜色分为蓝色、黄色、橙色和红色。",
                )
            ),
            UL(
                [
                    t("Bring in plants and objects from balconies", "收好阳台上的花盆和杂物"),
                    t("Keep a torch, water and phone charger ready", "备好手电、饮用水和充电宝"),
                    t("Avoid underground car parks and low-lying roads", "远离地下车库和低洼路段"),
                ]
            ),
            P(
                t(
                    "On orange and red warnings, schools may close and events are cancelled.",
                    "发布橙色或红色预警时，学校可能停课，活动将取消。",
                )
            ),
            CTA(
                t("Subscribe to urgent notices", "订阅紧急通知"),
                FRONTEND + "/subscribe/?community={slug}",
            ),
        ],
        topics=["community-life", "housing"],
        hero="skyline",
        priority="urgent",
    ),
    ArticleSpec(
        slug="fire-safety-checks",
        kind="notice",
        title=t(
            "Fire safety checks in residential compounds this month",
            "本月居民小区消防安全检查",
        ),
        summary=t(
            "Community staff and firefighters will visit compounds to check escape routes and "
            "e-bike charging; residents do not need to be at home.",
            "社区工作人员和消防员将走访各小区，检查疏散通道和电动自行车充电情况，居民无需在家等候。",
        ),
        body=[
            P(
                t(
                    "The checks focus on corridors and stairwells that must stay clear, and on "
                    "electric bikes charged indoors, a common cause of fires.",
                    "检查重点是必须保持畅通的走廊和楼梯间，以及在室内为电动自行车充电——这是引发"
                    "火灾的常见原因。",
                )
            ),
            UL(
                [
                    t("Charge e-bikes only at the charging sheds", "电动自行车只在充电棚充电"),
                    t("Keep corridors and fire doors clear", "保持走廊和防火门畅通"),
                    t("Know the two nearest exits from your flat", "了解离家最近的两个出口"),
                ]
            ),
            P(
                t(
                    "In a fire, call <b>119</b>.",
                    "发生火灾请拨打<b>119</b>。",
                )
            ),
        ],
        topics=["housing", "community-life"],
        hero="community-centre",
    ),
]

POOLS: dict[str, list[ArticleSpec]] = {
    "news": NEWS_POOL,
    "policy": POLICY_POOL,
    "assistance": ASSISTANCE_POOL,
    "guide": GUIDE_POOL,
    "story": STORY_POOL,
    "notice": NOTICE_POOL,
}

# Huacao Town: the HICC and the first offline presence of City News Service ---------------------

HUACAO_ARTICLES = [
    ArticleSpec(
        slug="cns-at-hicc",
        kind="news",
        title=t(
            "City News Service opens its first offline presence at the Huacao International "
            "Community Center",
            "城市新闻服务（CNS）首个线下服务点落户华漕国际社区中心",
        ),
        summary=t(
            "Authoritative advice and hands-on cultural sessions, from Chinese cooking classes to "
            "traditional tea ceremonies, now under one roof in Huacao Town.",
            "权威咨询与动手体验的文化课程——从中式烹饪课到传统茶艺——如今在华漕镇一站式提供。",
        ),
        body=[
            P(
                t(
                    "On December 2, 2023, City News Service unveiled its first official offline "
                    "presence within the Huacao International Community Center (HICC), the city's "
                    "first offline connection point for the foreign community.",
                    "2023年12月2日，城市新闻服务（CNS）在华漕国际社区中心（HICC）设立首个官方线下"
                    "服务点，这也是本市首个面向外籍社群的线下联络点。",
                )
            ),
            P(
                t(
                    "Residents can drop in for advice on permits and daily life, and sign up for "
                    "sessions that range from fun Chinese cooking classes to experiencing a "
                    "traditional tea ceremony like a local.",
                    "居民可以前来咨询证件办理和日常生活问题，也可以报名参加各类活动：从轻松有趣的"
                    "中式烹饪课，到像本地人一样体验传统茶艺。",
                )
            ),
            Quote(
                t(
                    "We want the HICC to be a cornerstone of an 'international future city': a "
                    "better city and a better future for everyone who lives here.",
                    "我们希望华漕国际社区中心成为“国际未来城”的基石——为每一位生活在这里的人"
                    "打造更美好的城市、更美好的未来。",
                ),
                t("City News Service", "城市新闻服务（CNS）"),
            ),
            Img("community-centre", t("The HICC welcome desk.", "华漕国际社区中心接待台。")),
        ],
        topics=["community-life", "culture"],
        hero="community-centre",
        published_on=date(2023, 12, 2),
    ),
    ArticleSpec(
        slug="your-voice-matters-findings",
        kind="story",
        title=t(
            "'Your Voice Matters': what international residents told Huacao Town",
            "“你的声音很重要”：外籍居民对华漕镇说了什么",
        ),
        summary=t(
            "At the CNS Loyalty Program roundtable, expats shared ideas on how the town can serve "
            "them better. Huacao is now sharing the feedback with other sub-districts.",
            "在CNS忠诚计划圆桌会上，外籍居民就华漕镇如何更好地服务他们建言献策。华漕镇正将"
            "这些意见分享给其他街镇。",
        ),
        body=[
            P(
                t(
                    "The <b>CNS Loyalty Program: Your Voice Matters</b> roundtable brought "
                    "residents from a dozen countries to the HICC for an evening of questions, "
                    "answers and free feedback.",
                    "<b>“CNS忠诚计划：你的声音很重要”</b>圆桌会邀请了来自十多个国家的居民齐聚"
                    "华漕国际社区中心，进行问答交流和自由反馈。",
                )
            ),
            H(t("What residents asked for", "居民们提出了哪些需求")),
            UL(
                [
                    t("More services available in English at weekends", "周末提供更多英语服务"),
                    t("Clearer information on school places", "更清晰的入学信息"),
                    t("More cultural classes for families", "更多面向家庭的文化课程"),
                    t("One place to find official notices", "一个集中查看官方通知的渠道"),
                ]
            ),
            Quote(
                t(
                    "It felt like the town really wanted to listen, not just to inform us.",
                    "感觉镇里是真的想倾听我们的声音，而不只是通知我们。",
                ),
                t("A roundtable participant", "圆桌会参与者"),
            ),
            P(
                t(
                    "Having gleaned many useful insights, Huacao Town is sharing them with other "
                    "sub-districts with large foreign communities, and with city bureaus.",
                    "收获了许多有益建议后，华漕镇正将其分享给外籍人口较多的其他街镇以及市级部门。",
                )
            ),
        ],
        topics=["community-life"],
        hero="forum",
    ),
    ArticleSpec(
        slug="visiting-hicc",
        kind="guide",
        title=t(
            "Visiting the HICC: services, classes and how to book",
            "走进华漕国际社区中心：服务、课程与预约方式",
        ),
        summary=t(
            "What the Huacao International Community Center offers, when it is open and how to "
            "book a place in a cooking class or tea ceremony.",
            "华漕国际社区中心提供哪些服务、开放时间以及如何预约烹饪课或茶艺课。",
        ),
        body=[
            P(
                t(
                    "The HICC combines a service desk for international residents with rooms for "
                    "classes, talks and community events.",
                    "华漕国际社区中心既设有外籍居民服务台，也有用于课程、讲座和社区活动的场地。",
                )
            ),
            Table(
                [
                    ["Service", "When"],
                    ["Advice desk", "Monday–Friday 9:00–17:00; Saturday 9:00–12:00"],
                    ["Cooking classes", "Twice a month, booking required"],
                    ["Tea ceremony", "Monthly, booking required"],
                ],
                caption="HICC at a glance (demo timetable)",
            ),
            FAQ(
                [
                    (
                        t("Do classes cost anything?", "课程收费吗？"),
                        t(
                            "Most sessions are free; some classes ask a small fee for ingredients.",
                            "大多数活动免费，部分课程收取少量食材费。",
                        ),
                    ),
                    (
                        t("Can I suggest an activity?", "我可以提议举办活动吗？"),
                        t(
                            "Yes, CNS is open to activity ideas: tell the desk or use the "
                            "feedback form.",
                            "可以，CNS欢迎各种活动创意：请告诉服务台或填写反馈表。",
                        ),
                    ),
                ]
            ),
            CTA(
                t("See upcoming HICC events", "查看中心近期活动"),
                FRONTEND + "/communities/{slug}/events/",
            ),
        ],
        topics=["culture", "community-life"],
        hero="tea",
    ),
]

COMMUNITY_EXTRAS: dict[str, list[ArticleSpec]] = {"huacao-town": HUACAO_ARTICLES}
# Pool articles a community skips because one of its own articles covers the same ground.
COMMUNITY_EXCLUDED: dict[str, set[str]] = {"huacao-town": {"residents-ideas-call"}}

# City-wide (under the home page's "News & Policy") ----------------------------------------------

CITY_ARTICLES = [
    ArticleSpec(
        slug="alliance-launch",
        kind="news",
        title=t(
            "Shanghai International Community Info-Services Alliance launches with nine member "
            "communities",
            "上海国际社区信息服务联盟成立，首批九个成员社区加入",
            ja="上海国際コミュニティ情報サービス連盟が発足、9つの地域が参加",
            ko="상하이 국제 커뮤니티 정보 서비스 연맹 출범, 9개 커뮤니티 참여",
            fr="Lancement de l'Alliance des services d'information aux communautés "
            "internationales de Shanghai, avec neuf communautés membres",
            de="Informationsallianz für internationale Gemeinschaften in Shanghai startet mit "
            "neun Mitgliedsgemeinden",
            es="Nace la Alianza de Servicios de Información para las Comunidades Internacionales "
            "de Shanghái, con nueve comunidades miembro",
        ),
        summary=t(
            "The alliance, introduced by the Information Office of Shanghai Municipal Government "
            "with City News Service, links nine townships and subdistricts that are home to an "
            "estimated 95,000 foreign nationals.",
            "联盟由上海市政府新闻办公室与城市新闻服务（CNS）共同推出，连接九个街镇，"
            "这些地区居住着约9.5万名外籍人士。",
            ja="上海市政府新聞弁公室とシティ・ニュース・サービスが立ち上げた連盟で、推計9万5千人の"
            "外国人が暮らす9つの鎮・街道を結びます。",
            ko="상하이시 정부 신문판공실과 시티 뉴스 서비스가 함께 출범한 연맹으로, 외국인 약 "
            "9만5천 명이 거주하는 9개 진·가도를 연결합니다.",
            fr="Lancée par le Bureau de l'information du gouvernement municipal avec City News "
            "Service, l'alliance relie neuf bourgs et sous-districts où vivent environ 95 000 "
            "ressortissants étrangers.",
            de="Die vom Informationsbüro der Stadtregierung und City News Service ins Leben "
            "gerufene Allianz verbindet neun Gemeinden, in denen schätzungsweise 95.000 "
            "Ausländerinnen und Ausländer leben.",
            es="Impulsada por la Oficina de Información del Gobierno Municipal y City News "
            "Service, la alianza une nueve poblados y subdistritos donde viven unos 95.000 "
            "extranjeros.",
        ),
        body=[
            P(
                t(
                    "Today marks the launch of the Shanghai International Community "
                    "Info-Services Alliance, introduced by the Information Office of Shanghai "
                    "Municipal Government in collaboration with City News Service (CNS).",
                    "今天，由上海市政府新闻办公室与城市新闻服务（CNS）合作推出的上海国际社区信息"
                    "服务联盟正式成立。",
                )
            ),
            P(
                t(
                    "The inaugural members are Huamu Subdistrict, Jinqiao Town, Zhangjiang Town "
                    "and Sanlin Town in Pudong New Area; Hongqiao Subdistrict in Changning "
                    "District; Yichuan Road Subdistrict in Putuo District; Huacao Town and "
                    "Hongqiao Town in Minhang District; and Xujing Town in Qingpu District.",
                    "首批成员包括浦东新区的花木街道、金桥镇、张江镇和三林镇，长宁区的虹桥街道，"
                    "普陀区的宜川路街道，闵行区的华漕镇和虹桥镇，以及青浦区的徐泾镇。",
                )
            ),
            H(t("Better communication with city bureaus", "加强与市级部门的沟通")),
            P(
                t(
                    "A key focus is timely and effective communication between city bureaus and "
                    "expat communities, and feedback loops that carry residents' ideas back to "
                    "the bureaus.",
                    "联盟的一项重点工作是加强市级部门与外籍社群之间及时有效的沟通，并建立反馈机制，"
                    "把居民的意见建议传递给相关部门。",
                )
            ),
            Quote(
                t(
                    "Learn how to live in the city and thrive; know what to do in the city to "
                    "experience it to the fullest.",
                    "学会在这座城市生活并乐在其中；了解在这座城市可以做什么，充分体验它的精彩。",
                ),
                t("Mission of City News Service", "城市新闻服务（CNS）的使命"),
            ),
            Img("skyline"),
        ],
        topics=["community-life"],
        hero="skyline",
        published_on=date(2024, 4, 30),
    ),
    ArticleSpec(
        slug="hotline-12345-languages",
        kind="news",
        title=t(
            "City hotline 12345 helps international residents in their own language",
            "12345市民服务热线为外籍居民提供多语种服务",
        ),
        summary=t(
            "Questions about permits, transport, utilities or complaints: call 12345 and ask for "
            "a foreign-language service.",
            "证件、交通、水电煤或投诉建议，拨打12345并选择外语服务即可。",
        ),
        body=[
            P(
                t(
                    "The city's citizen service hotline answers questions on almost every part "
                    "of daily life and passes complaints to the department in charge.",
                    "市民服务热线几乎可以解答日常生活的各类问题，并将投诉转交主管部门处理。",
                )
            ),
            UL(
                [
                    t("Dial 12345 from any phone", "用任何电话拨打12345"),
                    t("Ask for the foreign-language service", "选择外语服务"),
                    t("Keep the reference number you are given", "记下工单编号"),
                ],
                ordered=True,
            ),
            P(
                t(
                    "For emergencies always call 110 (police), 119 (fire) or 120 (ambulance).",
                    "紧急情况请拨打110（报警）、119（火警）或120（急救）。",
                )
            ),
        ],
        topics=["community-life"],
        hero="community-centre",
    ),
    ArticleSpec(
        slug="income-tax-annual-reconciliation",
        kind="policy",
        title=t(
            "Individual income tax: annual reconciliation for foreign residents",
            "个人所得税：外籍居民年度汇算",
            ja="個人所得税：外国人住民の年度精算",
            ko="개인소득세: 외국인 주민 연말정산",
            fr="Impôt sur le revenu : la régularisation annuelle pour les résidents étrangers",
            de="Einkommensteuer: der jährliche Steuerausgleich für ausländische Einwohner",
            es="Impuesto sobre la renta: la regularización anual para residentes extranjeros",
        ),
        summary=t(
            "Tax residents who had income in the previous year may need to file an annual "
            "reconciliation between March and June; many will get money back.",
            "上一年度有收入的税收居民可能需要在3月至6月间办理年度汇算，许多人可以获得退税。",
            ja="前年に所得があった税務上の居住者は、3月から6月の間に年度精算が必要な場合があり、"
            "多くの人は還付を受けられます。",
            ko="전년도에 소득이 있었던 세법상 거주자는 3월부터 6월 사이에 연말정산을 해야 할 수 "
            "있으며, 많은 경우 환급을 받습니다.",
            fr="Les résidents fiscaux ayant perçu des revenus l'an dernier peuvent devoir faire "
            "une régularisation entre mars et juin ; beaucoup seront remboursés.",
            de="Steueransässige mit Einkommen im Vorjahr müssen eventuell zwischen März und Juni "
            "einen Ausgleich einreichen; viele erhalten Geld zurück.",
            es="Los residentes fiscales con ingresos el año anterior pueden tener que presentar "
            "la regularización entre marzo y junio; muchos recibirán una devolución.",
        ),
        body=[
            P(
                t(
                    "Employers withhold income tax every month. The annual reconciliation "
                    "settles the difference between what was withheld and what is due for the "
                    "whole year.",
                    "用人单位每月预扣个人所得税。年度汇算用于结清全年已预扣税款与应纳税额之间的差额。",
                )
            ),
            H(t("Who needs to file", "哪些人需要办理")),
            P(
                t(
                    "Foreign nationals who are tax residents, with income from more than one "
                    "source or with deductions not yet claimed, should check whether they need "
                    "to file.",
                    "属于税收居民的外籍人士，如有多处收入或尚未申报的扣除项目，应核实是否需要办理。",
                )
            ),
            FAQ(
                [
                    (
                        t("Can I file in English?", "可以用英文办理吗？"),
                        t(
                            "The official tax app has an English interface for the most common "
                            "steps.",
                            "官方个税应用的常用功能提供英文界面。",
                        ),
                    ),
                    (
                        t("What can I deduct?", "可以扣除哪些项目？"),
                        t(
                            "Foreign nationals may choose certain allowances, such as "
                            "children's education or language training, or the standard special "
                            "deductions; check the official guidance.",
                            "外籍人士可选择享受子女教育费、语言训练费等补贴，或选择专项附加扣除，"
                            "具体请查阅官方指南。",
                        ),
                    ),
                ]
            ),
            CTA(
                t("Official guidance from the Tax Service", "税务局官方指南"),
                "https://example.org/demo/tax/annual-reconciliation",
            ),
        ],
        topics=["money-tax"],
        hero="skyline",
        bureau="tax-service",
        effective_days=-40,
        expires_days=80,
    ),
    ArticleSpec(
        slug="exit-entry-online-appointments",
        kind="policy",
        title=t(
            "Exit-entry services: book online before visiting a district hall",
            "出入境业务：前往区接待大厅前请先网上预约",
            ja="出入境手続き：区の窓口へ行く前にオンライン予約を",
            ko="출입국 업무: 구 접수 창구 방문 전 온라인 예약 필수",
            fr="Services d'entrée et de sortie : réservez en ligne avant de vous rendre au "
            "guichet du district",
            de="Ein- und Ausreisedienste: vor dem Besuch einer Bezirksstelle online buchen",
            es="Trámites de entrada y salida: reserve cita en línea antes de ir a la oficina del "
            "distrito",
        ),
        summary=t(
            "Residence permit and visa applications at district exit-entry halls are handled by "
            "appointment, to shorten waiting times.",
            "各区出入境接待大厅的居留许可和签证业务实行预约办理，以缩短等候时间。",
            ja="区の出入境窓口での在留許可・ビザ申請は、待ち時間短縮のため予約制となります。",
            ko="구 출입국 접수 창구의 거류허가 및 비자 신청은 대기 시간 단축을 위해 예약제로 "
            "운영됩니다.",
            fr="Les demandes de permis de séjour et de visa aux guichets de district se font sur "
            "rendez-vous, pour réduire l'attente.",
            de="Anträge auf Aufenthaltstitel und Visa an den Bezirksstellen werden nur nach "
            "Termin bearbeitet, um Wartezeiten zu verkürzen.",
            es="Las solicitudes de permisos de residencia y visados en las oficinas de distrito "
            "se atienden con cita previa, para reducir las esperas.",
        ),
        body=[
            P(
                t(
                    "Appointments can be booked up to seven days ahead through the official "
                    "online service. Bring the confirmation and your passport.",
                    "可通过官方网上服务平台提前最多七天预约，办理时请携带预约确认和护照。",
                )
            ),
            UL(
                [
                    t("Choose the hall nearest to your home", "选择离家最近的接待大厅"),
                    t("Pick the service and a time slot", "选择业务类型和时间段"),
                    t("Arrive ten minutes early", "提前十分钟到达"),
                ],
                ordered=True,
            ),
            P(
                t(
                    "Urgent cases, such as a family emergency abroad, are still served without "
                    "an appointment.",
                    "紧急情况（如境外家人突发事件）仍可免预约办理。",
                )
            ),
            CTA(
                t("Book an appointment", "在线预约"),
                "https://example.org/demo/exit-entry/appointments",
            ),
        ],
        topics=["visas-residence"],
        hero="skyline",
        bureau="exit-entry",
        effective_days=10,
    ),
    ArticleSpec(
        slug="family-doctor-sign-up",
        kind="assistance",
        title=t(
            "Sign up with a family doctor at your community health centre",
            "在社区卫生服务中心签约家庭医生",
        ),
        summary=t(
            "Foreign residents can sign up with a family doctor for regular check-ups, "
            "prescriptions and referrals to hospital specialists.",
            "外籍居民可签约家庭医生，享受定期体检、开药以及转诊至医院专科等服务。",
        ),
        body=[
            P(
                t(
                    "A family doctor knows your health history, renews long-term prescriptions "
                    "and can refer you to a specialist when needed.",
                    "家庭医生了解您的健康状况，可为您续开长期处方，必要时转诊专科。",
                )
            ),
            UL(
                [
                    t(
                        "Sign up at the health centre nearest to your home",
                        "到离家最近的社区卫生服务中心签约",
                    ),
                    t("Bring your passport and accommodation registration", "携带护照和住宿登记表"),
                    t("Book follow-up visits through the centre", "通过中心预约复诊"),
                ]
            ),
            CTA(
                t("Find your health centre", "查找社区卫生服务中心"),
                "https://example.org/demo/health/family-doctors",
            ),
        ],
        topics=["healthcare"],
        hero="clinic",
        bureau="health-commission",
        effective_days=-90,
    ),
    ArticleSpec(
        slug="graduate-employment-services",
        kind="assistance",
        title=t(
            "Job-seeking support for international graduates of Shanghai universities",
            "为在沪高校外籍毕业生提供求职支持",
        ),
        summary=t(
            "Career advice, job fairs and help with work permit applications for foreign "
            "graduates who want to start their career in Shanghai.",
            "为希望在上海开启职业生涯的外籍毕业生提供职业咨询、招聘会以及工作许可申请协助。",
        ),
        body=[
            P(
                t(
                    "Foreign students graduating from Shanghai universities can get free career "
                    "advice and meet employers at dedicated job fairs.",
                    "在沪高校毕业的外国留学生可获得免费职业咨询，并参加专场招聘会与用人单位见面。",
                )
            ),
            Table(
                [
                    ["Service", "How"],
                    ["Career advice", "One-to-one, by appointment"],
                    ["Job fairs", "Spring and autumn"],
                    ["Work permit help", "Guidance for graduates and employers"],
                ],
                caption="What the programme offers",
            ),
            CTA(
                t("Register for the next job fair", "报名下一场招聘会"),
                "https://example.org/demo/hr-social-security/graduates",
            ),
        ],
        topics=["business", "education"],
        hero="forum",
        bureau="hr-social-security",
        effective_days=-15,
        expires_days=165,
    ),
    ArticleSpec(
        slug="first-week-checklist",
        kind="guide",
        title=t(
            "Your first week in Shanghai: a newcomer's checklist",
            "初到上海第一周：新居民清单",
            ja="上海での最初の1週間：新しく来た人のためのチェックリスト",
            ko="상하이에서의 첫 일주일: 새 주민을 위한 체크리스트",
            fr="Votre première semaine à Shanghai : la liste des nouveaux arrivants",
            de="Ihre erste Woche in Shanghai: eine Checkliste für Neuankömmlinge",
            es="Su primera semana en Shanghái: lista para recién llegados",
        ),
        summary=t(
            "Register your address, get a local phone number, set up mobile payments and find "
            "your community centre: the essentials, in order.",
            "办理住宿登记、办张本地手机卡、开通移动支付、找到所在社区中心：按顺序完成这些要事。",
            ja="住所の登録、現地の電話番号、モバイル決済の設定、地域のコミュニティセンター探し。"
            "大切なことを順番に。",
            ko="주소 등록, 현지 전화번호 개통, 모바일 결제 설정, 커뮤니티 센터 찾기까지 꼭 필요한 "
            "일을 순서대로 정리했습니다.",
            fr="Déclarer son adresse, obtenir un numéro local, activer le paiement mobile et "
            "trouver son centre de quartier : l'essentiel, dans l'ordre.",
            de="Adresse anmelden, lokale Telefonnummer besorgen, mobiles Bezahlen einrichten, "
            "das Gemeindezentrum finden: das Wichtigste der Reihe nach.",
            es="Registrar su domicilio, conseguir un número local, activar el pago móvil y "
            "encontrar su centro comunitario: lo esencial, por orden.",
        ),
        body=[
            P(
                t(
                    "The first days in a new city are busy. Do these things in this order and "
                    "everything else becomes easier.",
                    "初到新城市的几天总是很忙。按这个顺序完成以下事项，之后的一切都会更顺利。",
                )
            ),
            UL(
                [
                    t(
                        "Day 1: register your address within 24 hours",
                        "第1天：24小时内办理住宿登记",
                    ),
                    t(
                        "Day 2: get a local SIM card with your passport",
                        "第2天：凭护照办理本地手机卡",
                    ),
                    t(
                        "Day 3: set up mobile payments and the transport QR code",
                        "第3天：开通移动支付和乘车码",
                    ),
                    t(
                        "Day 4: visit your community centre and ask for the newcomer pack",
                        "第4天：前往社区中心领取新居民资料包",
                    ),
                    t(
                        "Day 5: find the nearest clinic and save the emergency numbers",
                        "第5天：找到最近的诊所并保存急救电话",
                    ),
                ],
                ordered=True,
            ),
            Quote(
                t(
                    "Ask your neighbours. Shanghai is a city of helpful people.",
                    "多问问邻居。上海是一座热心人很多的城市。",
                ),
                t("City News Service", "城市新闻服务（CNS）"),
            ),
            Img("metro"),
        ],
        topics=["visas-residence", "community-life", "money-tax"],
        hero="metro",
    ),
    ArticleSpec(
        slug="income-tax-basics",
        kind="guide",
        title=t(
            "Individual income tax for foreign residents: the basics",
            "外籍居民个人所得税基础知识",
        ),
        summary=t(
            "Who counts as a tax resident, how monthly withholding works and which allowances "
            "foreign nationals can choose.",
            "谁是税收居民、每月预扣如何运作，以及外籍人士可以选择哪些补贴。",
        ),
        body=[
            P(
                t(
                    "Whether China taxes your worldwide income depends mainly on how many days "
                    "you spend in the country each year.",
                    "中国是否对您的全球收入征税，主要取决于您每年在境内停留的天数。",
                )
            ),
            Table(
                [
                    ["Days in China per year", "Usually taxed on"],
                    ["Fewer than 183", "Income from work in China"],
                    ["183 or more", "Worldwide income, with exemptions for the first years"],
                ],
                caption="Tax residence in brief (check the official rules for your case)",
            ),
            P(
                t(
                    "Your employer withholds tax monthly; the annual reconciliation in spring "
                    "settles the balance.",
                    "用人单位按月预扣税款，次年春季的年度汇算结清差额。",
                )
            ),
        ],
        topics=["money-tax", "business"],
        hero="skyline",
    ),
    ArticleSpec(
        slug="learning-chinese",
        kind="guide",
        title=t(
            "Learning Chinese in Shanghai: classes, apps and language exchanges",
            "在上海学中文：课程、应用与语言交换",
        ),
        summary=t(
            "Free community classes, subsidised courses for employees, university programmes "
            "and language exchanges: how to choose.",
            "社区免费课程、在职人员补贴课程、高校项目和语言交换：如何选择适合自己的方式。",
        ),
        body=[
            P(
                t(
                    "Even a few hundred words change daily life: ordering food, chatting with "
                    "neighbours, understanding notices.",
                    "哪怕只掌握几百个词，日常生活也会大不一样：点餐、和邻居聊天、看懂通知。",
                )
            ),
            UL(
                [
                    t(
                        "Community classes: free, weekly, small groups",
                        "社区课程：免费、每周一次、小班教学",
                    ),
                    t("Subsidised courses for working residents", "面向在职居民的补贴课程"),
                    t("University programmes for intensive study", "高校强化课程"),
                    t("Language exchanges in cafés and libraries", "在咖啡馆和图书馆进行语言交换"),
                ]
            ),
            Img(
                "classroom",
                t("Community classes focus on everyday Chinese.", "社区课程侧重日常中文。"),
            ),
        ],
        topics=["education", "culture"],
        hero="classroom",
    ),
    ArticleSpec(
        slug="international-future-city",
        kind="story",
        title=t(
            "An 'international future city': the people weaving Shanghai's community tapestry",
            "“国际未来城”：编织上海社区画卷的人们",
        ),
        summary=t(
            "Engineers, teachers, chefs and students from around the world tell us what makes a "
            "Shanghai neighbourhood feel like home.",
            "来自世界各地的工程师、教师、厨师和学生告诉我们，是什么让上海的街区有家的感觉。",
        ),
        body=[
            P(
                t(
                    "Shanghai has more foreign residents than any other city in China. Behind the "
                    "number are people who shop at the wet market, volunteer at the community "
                    "centre and send their children to local schools.",
                    "上海是全国外籍居民最多的城市。数字背后，是在菜场买菜、在社区中心做志愿者、"
                    "送孩子上本地学校的一个个人。",
                )
            ),
            Quote(
                t(
                    "A better city is one where everyone can find their place.",
                    "更美好的城市，是每个人都能找到自己位置的城市。",
                ),
                t("A resident of Jinqiao Town", "金桥镇居民"),
            ),
            P(
                t(
                    "City News Service collects these stories to show the amazing people that "
                    "make Shanghai a trendsetting, innovative and exciting international city.",
                    "城市新闻服务（CNS）收集这些故事，展现让上海成为引领潮流、富于创新、充满活力的"
                    "国际化城市的精彩人物。",
                )
            ),
        ],
        topics=["community-life", "culture"],
        hero="skyline",
    ),
    ArticleSpec(
        slug="tax-reconciliation-deadline",
        kind="notice",
        title=t(
            "Reminder: the annual tax reconciliation closes on June 30",
            "提醒：个税年度汇算6月30日截止",
        ),
        summary=t(
            "If you need to file or want to claim a refund for last year, do it before the end "
            "of June.",
            "如需办理上一年度汇算或申请退税，请在6月底前完成。",
        ),
        body=[
            P(
                t(
                    "The reconciliation window for last year's income closes on June 30. After "
                    "that, late filing may bring a penalty.",
                    "上一年度收入的汇算期将于6月30日结束，逾期办理可能会被处罚。",
                )
            ),
            CTA(
                t("Read the tax guide", "阅读个税指南"),
                FRONTEND + "/news/income-tax-annual-reconciliation/",
            ),
        ],
        topics=["money-tax"],
        hero="skyline",
    ),
    ArticleSpec(
        slug="scam-calls-warning",
        kind="notice",
        title=t(
            "Warning: scam calls claiming to be from the exit-entry police",
            "警惕：冒充出入境民警的诈骗电话",
        ),
        summary=t(
            "Callers claim your residence permit is blocked and ask for a payment or your bank "
            "details. The police never do this by phone: hang up and call 110.",
            "来电者谎称您的居留许可被冻结，要求转账或提供银行信息。警方绝不会通过电话这样做："
            "请立即挂断并拨打110。",
        ),
        body=[
            P(
                t(
                    "Several international residents have reported calls in English from people "
                    "who say they are exit-entry officers. They know the caller's name and "
                    "sometimes the passport number.",
                    "多名外籍居民反映接到自称出入境民警的英语来电。对方知道居民的姓名，有时还知道"
                    "护照号码。",
                )
            ),
            UL(
                [
                    t("Never transfer money to a 'safe account'", "绝不向所谓“安全账户”转账"),
                    t(
                        "Never share verification codes sent to your phone",
                        "绝不透露手机收到的验证码",
                    ),
                    t(
                        "Check your permit status only through official channels",
                        "只通过官方渠道查询证件状态",
                    ),
                ]
            ),
            P(
                t(
                    "If you have already paid, call <b>110</b> at once and tell your bank.",
                    "如已转账，请立即拨打<b>110</b>报警并联系银行。",
                )
            ),
        ],
        topics=["visas-residence", "money-tax"],
        hero="skyline",
        priority="urgent",
    ),
]
