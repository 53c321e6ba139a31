"""Topics and bureaus of the demo content, with their translations."""

from dataclasses import dataclass

from communities.setup.demo.text import T, t


@dataclass(frozen=True)
class TopicSpec:
    slug: str
    name: T
    description: T


@dataclass(frozen=True)
class BureauSpec:
    slug: str
    name: T
    short_name: T
    description: T
    website: str = ""


TOPICS: list[TopicSpec] = [
    TopicSpec(
        "visas-residence",
        t(
            "Visas & residence",
            "签证与居留",
            ja="ビザ・在留",
            ko="비자 및 체류",
            fr="Visas et séjour",
            de="Visa & Aufenthalt",
            es="Visados y residencia",
        ),
        t(
            "Visas, residence permits, accommodation registration and exit-entry services.",
            "签证、居留许可、住宿登记和出入境服务。",
        ),
    ),
    TopicSpec(
        "healthcare",
        t(
            "Healthcare",
            "医疗健康",
            ja="医療・健康",
            ko="의료·건강",
            fr="Santé",
            de="Gesundheit",
            es="Salud",
        ),
        t(
            "Clinics and hospitals, family doctors, health insurance and public health notices.",
            "诊所与医院、家庭医生、医疗保险和公共卫生通知。",
        ),
    ),
    TopicSpec(
        "education",
        t(
            "Education & schools",
            "教育与学校",
            ja="教育・学校",
            ko="교육·학교",
            fr="Éducation et écoles",
            de="Bildung & Schulen",
            es="Educación y escuelas",
        ),
        t(
            "Schools, kindergartens, after-school care and Chinese classes for adults.",
            "中小学、幼儿园、课后托管以及面向成人的中文课程。",
        ),
    ),
    TopicSpec(
        "transport",
        t(
            "Transport",
            "交通出行",
            ja="交通",
            ko="교통",
            fr="Transports",
            de="Verkehr",
            es="Transporte",
        ),
        t(
            "Metro, buses, taxis, cycling, driving licences and road works.",
            "地铁、公交、出租车、骑行、驾照以及道路施工。",
        ),
    ),
    TopicSpec(
        "housing",
        t(
            "Housing",
            "住房",
            ja="住まい",
            ko="주거",
            fr="Logement",
            de="Wohnen",
            es="Vivienda",
        ),
        t(
            "Renting a home, residential compounds, utilities and property services.",
            "租房、居民小区、水电煤和物业服务。",
        ),
    ),
    TopicSpec(
        "culture",
        t(
            "Culture & leisure",
            "文化休闲",
            ja="文化・レジャー",
            ko="문화·여가",
            fr="Culture et loisirs",
            de="Kultur & Freizeit",
            es="Cultura y ocio",
        ),
        t(
            "Festivals, tea ceremonies, cooking classes, parks and things to do in the city.",
            "节庆活动、茶艺、烹饪课、公园以及城市里的好去处。",
        ),
    ),
    TopicSpec(
        "business",
        t(
            "Business & work",
            "商务与就业",
            ja="ビジネス・仕事",
            ko="비즈니스·일자리",
            fr="Entreprises et emploi",
            de="Wirtschaft & Arbeit",
            es="Negocios y empleo",
        ),
        t(
            "Work permits, starting a company, business forums and industry seminars.",
            "工作许可、创业、商务论坛和行业研讨会。",
        ),
    ),
    TopicSpec(
        "community-life",
        t(
            "Community life",
            "社区生活",
            ja="地域の暮らし",
            ko="커뮤니티 생활",
            fr="Vie de quartier",
            de="Leben im Viertel",
            es="Vida en el barrio",
        ),
        t(
            "Neighbourhood news, waste sorting, volunteering and feedback to the community.",
            "邻里新闻、垃圾分类、志愿服务以及向社区反馈意见。",
        ),
    ),
    TopicSpec(
        "money-tax",
        t(
            "Money & tax",
            "财税与支付",
            ja="お金・税金",
            ko="금융·세금",
            fr="Argent et impôts",
            de="Geld & Steuern",
            es="Dinero e impuestos",
        ),
        t(
            "Individual income tax, social insurance, banking and mobile payments.",
            "个人所得税、社会保险、银行业务和移动支付。",
        ),
    ),
]

BUREAUS: list[BureauSpec] = [
    BureauSpec(
        "exit-entry",
        t(
            "Shanghai Municipal Public Security Bureau Exit-Entry Administration",
            "上海市公安局出入境管理局",
            ja="上海市公安局出入境管理局",
            ko="상하이시 공안국 출입국관리국",
            fr="Administration des entrées et sorties du Bureau de la sécurité publique de "
            "Shanghai",
            de="Ein- und Ausreiseverwaltung des Büros für öffentliche Sicherheit Shanghai",
            es="Administración de Entrada y Salida de la Oficina de Seguridad Pública de Shanghái",
        ),
        t("Exit-Entry Administration", "市公安局出入境管理局"),
        t(
            "Visas, residence permits and exit-entry services for foreign nationals.",
            "负责外国人签证、居留许可及出入境管理服务。",
        ),
        "https://example.org/demo/bureaus/exit-entry",
    ),
    BureauSpec(
        "health-commission",
        t(
            "Shanghai Municipal Health Commission",
            "上海市卫生健康委员会",
            ja="上海市衛生健康委員会",
            ko="상하이시 위생건강위원회",
            fr="Commission municipale de la santé de Shanghai",
            de="Gesundheitskommission der Stadt Shanghai",
            es="Comisión Municipal de Salud de Shanghái",
        ),
        t("Health Commission", "市卫生健康委"),
        t(
            "Public health, hospitals, community health centres and family doctor services.",
            "负责公共卫生、医院、社区卫生服务中心和家庭医生签约服务。",
        ),
        "https://example.org/demo/bureaus/health",
    ),
    BureauSpec(
        "education-commission",
        t(
            "Shanghai Municipal Education Commission",
            "上海市教育委员会",
            ja="上海市教育委員会",
            ko="상하이시 교육위원회",
            fr="Commission municipale de l'éducation de Shanghai",
            de="Bildungskommission der Stadt Shanghai",
            es="Comisión Municipal de Educación de Shanghái",
        ),
        t("Education Commission", "市教委"),
        t(
            "Schools, kindergartens, enrolment of international students and adult education.",
            "负责中小学、幼儿园、外籍学生入学和成人教育。",
        ),
        "https://example.org/demo/bureaus/education",
    ),
    BureauSpec(
        "hr-social-security",
        t(
            "Shanghai Municipal Human Resources and Social Security Bureau",
            "上海市人力资源和社会保障局",
            ja="上海市人力資源・社会保障局",
            ko="상하이시 인력자원사회보장국",
            fr="Bureau municipal des ressources humaines et de la sécurité sociale de Shanghai",
            de="Amt für Personal und soziale Sicherheit der Stadt Shanghai",
            es="Oficina Municipal de Recursos Humanos y Seguridad Social de Shanghái",
        ),
        t("HR & Social Security Bureau", "市人社局"),
        t(
            "Work permits for foreign employees, social insurance and employment services.",
            "负责外国人工作许可、社会保险和就业服务。",
        ),
        "https://example.org/demo/bureaus/hr-social-security",
    ),
    BureauSpec(
        "commerce-commission",
        t(
            "Shanghai Municipal Commission of Commerce",
            "上海市商务委员会",
            ja="上海市商務委員会",
            ko="상하이시 상무위원회",
            fr="Commission municipale du commerce de Shanghai",
            de="Handelskommission der Stadt Shanghai",
            es="Comisión Municipal de Comercio de Shanghái",
        ),
        t("Commerce Commission", "市商务委"),
        t(
            "Foreign investment, services for foreign-invested companies and consumer affairs.",
            "负责外商投资、外资企业服务和消费领域事务。",
        ),
        "https://example.org/demo/bureaus/commerce",
    ),
    BureauSpec(
        "greening-city-appearance",
        t(
            "Shanghai Municipal Landscaping and City Appearance Administrative Bureau",
            "上海市绿化和市容管理局",
            ja="上海市緑化・市容管理局",
            ko="상하이시 녹화·시용관리국",
            fr="Bureau municipal des espaces verts et de l'aspect urbain de Shanghai",
            de="Amt für Grünflächen und Stadtbild der Stadt Shanghai",
            es="Oficina Municipal de Zonas Verdes y Paisaje Urbano de Shanghái",
        ),
        t("Greening & City Appearance Bureau", "市绿化市容局"),
        t(
            "Parks and green spaces, household waste sorting and the appearance of streets.",
            "负责公园绿地、生活垃圾分类和市容环境。",
        ),
        "https://example.org/demo/bureaus/greening",
    ),
    BureauSpec(
        "tax-service",
        t(
            "State Taxation Administration Shanghai Municipal Tax Service",
            "国家税务总局上海市税务局",
            ja="国家税務総局上海市税務局",
            ko="국가세무총국 상하이시 세무국",
            fr="Service des impôts de Shanghai de l'Administration fiscale d'État",
            de="Steuerverwaltung Shanghai der Staatlichen Steuerverwaltung",
            es="Servicio Tributario de Shanghái de la Administración Estatal de Impuestos",
        ),
        t("Tax Service", "市税务局"),
        t(
            "Individual income tax, annual reconciliation and tax services for companies.",
            "负责个人所得税、年度汇算和企业涉税服务。",
        ),
        "https://example.org/demo/bureaus/tax",
    ),
]
