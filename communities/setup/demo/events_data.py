"""Event templates: per-community pools (one per category), Huacao's HICC events, city-wide.

Dates are not part of a template: the builder places each event in the past or the future
relative to the day the demo content is loaded.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from communities.setup.demo.text import CTA, FAQ, UL, Block, H, P, Quote, T, t

REGISTER_URL = "https://community.example.org/events/{event_slug}/register/"

COMMUNITY_ADDRESS = t("{name}, {district}, Shanghai", "上海市{district_zh}{name_zh}")
COMMUNITY_ORGANISER = t("{name} with City News Service", "{name_zh}与城市新闻服务（CNS）")
CITY_ORGANISER = t("City News Service", "城市新闻服务（CNS）")


@dataclass(frozen=True)
class EventSpec:
    slug: str
    category: str
    title: T
    summary: T
    body: Sequence[Block]
    hero: str
    venue: T
    start_hour: int = 14
    start_minute: int = 0
    duration_minutes: int = 120
    weekend: bool = False  # moved to the nearest Saturday
    languages: Sequence[str] = ("en", "zh-hans")
    price: Decimal | None = None
    price_note: T | None = None
    capacity: int | None = None
    registration_required: bool = False
    max_party_size: int = 4
    address: T = COMMUNITY_ADDRESS
    organiser: T = COMMUNITY_ORGANISER
    latitude: Decimal | None = None  # default: the community's approximate centre
    longitude: Decimal | None = None


HALL = t("{centre}, Multi-purpose Hall", "{centre_zh}多功能厅")
CLASSROOM = t("{centre}, Classroom 2", "{centre_zh}2号教室")
KITCHEN = t("{centre}, Teaching Kitchen", "{centre_zh}教学厨房")
PARK = t("{name} Community Park, main lawn", "{name_zh}社区公园大草坪")
LIBRARY = t("{name} Neighbourhood Library, reading room", "{name_zh}邻里图书馆阅览室")


def _register() -> CTA:
    return CTA(t("Register now", "立即报名"), REGISTER_URL)


CULTURAL_POOL = [
    EventSpec(
        slug="mid-autumn-mooncakes",
        category="cultural",
        title=t(
            "Mooncake making and lantern riddles",
            "做月饼、猜灯谜",
        ),
        summary=t(
            "Make mooncakes, the Mid-Autumn Festival treat, with local bakers, guess lantern "
            "riddles in Chinese and English and share a pot of tea.",
            "跟本地面点师一起做中秋月饼，用中英文猜灯谜，再一起品一壶好茶。",
        ),
        body=[
            P(
                t(
                    "Mooncakes belong to the Mid-Autumn Festival, a time for family reunions. "
                    "Join your neighbours for an evening of baking, riddles and stories about "
                    "the moon goddess Chang'e.",
                    "月饼是中秋节的传统美食，中秋是阖家团圆的日子。和邻居们一起度过一个做月饼、"
                    "猜灯谜、听嫦娥故事的夜晚。",
                )
            ),
            H(t("Programme", "活动安排")),
            UL(
                [
                    t("18:30 Mooncake workshop", "18:30 月饼制作"),
                    t("19:30 Lantern riddles in two languages", "19:30 双语猜灯谜"),
                    t("20:15 Tea and stories", "20:15 品茶听故事"),
                ]
            ),
            _register(),
        ],
        hero="lanterns",
        venue=HALL,
        start_hour=18,
        start_minute=30,
        duration_minutes=150,
        capacity=60,
        registration_required=True,
    ),
    EventSpec(
        slug="dragon-boat-zongzi",
        category="cultural",
        title=t(
            "Wrap your own zongzi: a Dragon Boat Festival tradition",
            "亲手包粽子：体验端午传统",
        ),
        summary=t(
            "Learn to fold bamboo leaves and wrap sticky-rice dumplings, and hear why the "
            "festival remembers the poet Qu Yuan.",
            "学习折粽叶、包粽子，了解端午节纪念诗人屈原的由来。",
        ),
        body=[
            P(
                t(
                    "Sweet or savoury? In Shanghai both are loved. Volunteers show you how to "
                    "wrap zongzi with pork and egg yolk, or with red bean paste.",
                    "甜粽还是咸粽？在上海两种都受欢迎。志愿者将教您包鲜肉蛋黄粽或豆沙粽。",
                )
            ),
            P(
                t(
                    "Everyone takes home the zongzi they made. Aprons and ingredients are "
                    "provided.",
                    "每位参与者都可以把自己包的粽子带回家。活动提供围裙和食材。",
                )
            ),
            _register(),
        ],
        hero="cooking",
        venue=KITCHEN,
        start_hour=10,
        duration_minutes=120,
        weekend=True,
        capacity=30,
        registration_required=True,
        price=Decimal("30.00"),
        price_note=t("Includes ingredients", "含食材费"),
    ),
    EventSpec(
        slug="spring-festival-paper-cutting",
        category="cultural",
        title=t(
            "Paper-cutting and calligraphy afternoon",
            "剪纸与书法下午",
        ),
        summary=t(
            "Cut red window flowers and write the character 福 for good luck with local "
            "artists, as families do for the Spring Festival.",
            "跟本地艺术家学剪红窗花、写“福”字，像本地人家过春节一样把好运带回家。",
        ),
        body=[
            P(
                t(
                    "Paper-cutting and calligraphy are part of every Spring Festival. No "
                    "experience needed: the artists start with the simplest patterns.",
                    "剪纸和书法是春节不可或缺的一部分。无需基础，艺术家会从最简单的图案教起。",
                )
            ),
            Quote(
                t(
                    "Hang the 福 upside down: 'upside down' sounds like 'arrives' in Chinese.",
                    "把“福”字倒着贴，寓意“福到了”。",
                ),
                t("Workshop artist", "活动艺术家"),
            ),
        ],
        hero="lanterns",
        venue=HALL,
        start_hour=14,
        duration_minutes=150,
        weekend=True,
        languages=("en", "zh-hans", "ko"),
    ),
    EventSpec(
        slug="shanghai-opera-afternoon",
        category="cultural",
        title=t(
            "An afternoon of Shanghai opera, with an English introduction",
            "沪剧欣赏下午场（附英文导赏）",
        ),
        summary=t(
            "Local performers sing scenes from classic Huju plays; a short introduction in "
            "English explains the stories and the music.",
            "本地演员演唱经典沪剧选段，并有简短英文导赏介绍剧情和音乐。",
        ),
        body=[
            P(
                t(
                    "Huju, the opera of Shanghai, is sung in the local dialect and tells stories "
                    "of everyday city life. It is a wonderful way to hear Shanghainese.",
                    "沪剧用上海话演唱，讲述城市日常生活的故事，是感受上海话韵味的好机会。",
                )
            ),
            P(
                t(
                    "After the performance, the actors answer questions and show how the "
                    "costumes and make-up work.",
                    "演出结束后，演员们将回答观众提问，并展示戏服和妆容。",
                )
            ),
        ],
        hero="lanterns",
        venue=HALL,
        start_hour=14,
        start_minute=30,
        duration_minutes=105,
    ),
    EventSpec(
        slug="lantern-festival-tangyuan",
        category="cultural",
        title=t(
            "Lantern riddles and tangyuan with the neighbours",
            "和邻居们一起猜灯谜、吃汤圆",
        ),
        summary=t(
            "Sweet rice dumplings, riddles for children and grown-ups and a lantern walk, as "
            "at the Lantern Festival.",
            "吃汤圆、猜灯谜、提灯漫步，感受元宵节的传统乐趣。",
        ),
        body=[
            P(
                t(
                    "The fifteenth day of the first lunar month ends the Spring Festival. "
                    "Families eat tangyuan, whose round shape stands for togetherness.",
                    "农历正月十五是春节的尾声。家家户户吃汤圆，圆圆的汤圆象征团圆。",
                )
            ),
            UL(
                [
                    t(
                        "Riddles in Chinese and English, with small prizes",
                        "中英文灯谜，猜中有小奖品",
                    ),
                    t("Tangyuan tasting", "品尝汤圆"),
                    t("A short lantern walk around the square", "绕广场提灯漫步"),
                ]
            ),
        ],
        hero="lanterns",
        venue=t("{name} Community Square", "{name_zh}社区广场"),
        start_hour=18,
        duration_minutes=120,
    ),
]

FAMILY_POOL = [
    EventSpec(
        slug="family-treasure-hunt",
        category="family",
        title=t(
            "Family treasure hunt around {name}",
            "{name_zh}亲子寻宝游",
        ),
        summary=t(
            "Teams of parents and children follow bilingual clues to the park, the library and "
            "the market, learning a few Chinese words on the way.",
            "亲子小队根据双语线索前往公园、图书馆和菜场，一路上还能学几个中文词。",
        ),
        body=[
            P(
                t(
                    "Pick up your map at the start, solve the clues and collect a stamp at each "
                    "stop. Every team that finishes wins a small prize.",
                    "在起点领取地图，解开线索，在每个站点盖章。完成的队伍都有小奖品。",
                )
            ),
            FAQ(
                [
                    (
                        t("How old should the children be?", "适合多大的孩子？"),
                        t(
                            "The route suits children from about five years; younger siblings "
                            "are welcome in a pushchair.",
                            "路线适合五岁左右及以上的孩子，也欢迎推着婴儿车带上弟弟妹妹。",
                        ),
                    ),
                    (
                        t("What if it rains?", "下雨怎么办？"),
                        t(
                            "The hunt moves indoors to the community centre.",
                            "寻宝活动将改在社区中心室内进行。",
                        ),
                    ),
                ]
            ),
            _register(),
        ],
        hero="park",
        venue=t("{centre}, main entrance", "{centre_zh}正门"),
        start_hour=9,
        start_minute=30,
        duration_minutes=150,
        weekend=True,
        capacity=25,
        registration_required=True,
        max_party_size=5,
    ),
    EventSpec(
        slug="bilingual-storytime",
        category="family",
        title=t(
            "Bilingual storytime for children aged 3 to 8",
            "3至8岁儿童双语故事会",
        ),
        summary=t(
            "Picture books read in Chinese and English, with songs and a simple craft. Parents "
            "stay with their children.",
            "用中英文朗读绘本，唱儿歌、做简单手工。家长需陪同。",
        ),
        body=[
            P(
                t(
                    "A volunteer reads each story twice, once in each language, so children "
                    "learn new words from their friends.",
                    "志愿者每个故事读两遍，中英文各一遍，孩子们能从小伙伴那里学到新词。",
                )
            ),
            P(
                t(
                    "Books from the session can be borrowed with a free library card.",
                    "活动中的绘本可凭免费借书证借阅。",
                )
            ),
        ],
        hero="classroom",
        venue=LIBRARY,
        start_hour=10,
        duration_minutes=60,
        weekend=True,
        capacity=20,
    ),
    EventSpec(
        slug="family-sports-day",
        category="family",
        title=t(
            "Neighbourhood family sports day",
            "邻里家庭运动会",
        ),
        summary=t(
            "Relay races, tug-of-war and traditional games like shuttlecock kicking for all "
            "ages; teams mix local and international families.",
            "接力跑、拔河以及踢毽子等传统游戏，老少皆宜；本地家庭和外籍家庭混合组队。",
        ),
        body=[
            P(
                t(
                    "Wear trainers and bring water. Teams are drawn on the day so everyone meets "
                    "new neighbours.",
                    "请穿运动鞋并自带饮水。现场抽签分队，让大家认识新邻居。",
                )
            ),
            UL(
                [
                    t("Relay races for children and parents", "亲子接力赛"),
                    t("Shuttlecock kicking and rope skipping", "踢毽子和跳绳"),
                    t("Tug-of-war final", "拔河决赛"),
                ]
            ),
        ],
        hero="park",
        venue=PARK,
        start_hour=9,
        duration_minutes=180,
        weekend=True,
    ),
    EventSpec(
        slug="kite-making-afternoon",
        category="family",
        title=t(
            "Make and fly a kite: a family afternoon in the park",
            "亲手做风筝、放风筝：公园亲子下午",
        ),
        summary=t(
            "Build a simple kite from bamboo and paper, paint it together and try it out on the "
            "lawn.",
            "用竹条和纸做一只简单的风筝，一起涂色，然后到草坪上试飞。",
        ),
        body=[
            P(
                t(
                    "Kite flying has a long history in China. A craftsman shows families how to "
                    "build a light kite that flies even in a gentle breeze.",
                    "放风筝在中国历史悠久。手艺人将教家庭们做一只微风中也能飞起来的轻巧风筝。",
                )
            ),
            _register(),
        ],
        hero="park",
        venue=PARK,
        start_hour=14,
        duration_minutes=150,
        weekend=True,
        capacity=20,
        registration_required=True,
        price=Decimal("20.00"),
        price_note=t("Per kite, materials included", "每只风筝，含材料费"),
    ),
    EventSpec(
        slug="parent-child-dumplings",
        category="family",
        title=t(
            "Parent-and-child dumpling making",
            "亲子包饺子",
        ),
        summary=t(
            "Little hands, big dumplings: families fold jiaozi together and eat what they make.",
            "小手包大饺子：亲子一起包饺子，包好就开吃。",
        ),
        body=[
            P(
                t(
                    "Children love shaping dumplings. A chef shows three easy folds, then "
                    "everyone cooks and shares their dumplings at the table.",
                    "孩子们很喜欢捏饺子。厨师会教三种简单的包法，之后大家一起煮饺子、共享美食。",
                )
            ),
            _register(),
        ],
        hero="cooking",
        venue=KITCHEN,
        start_hour=10,
        duration_minutes=120,
        weekend=True,
        capacity=12,
        registration_required=True,
        max_party_size=3,
        price=Decimal("40.00"),
        price_note=t("Per family, ingredients included", "每个家庭，含食材费"),
    ),
]

BUSINESS_FORUM_POOL = [
    EventSpec(
        slug="enterprise-services-meetup",
        category="business_forum",
        title=t(
            "Doing business in {district}: meet the enterprise service team",
            "在{district_zh}做生意：与企业服务团队面对面",
        ),
        summary=t(
            "Officials from the district's enterprise service centre explain licences, permits "
            "and support for foreign-invested companies, then take questions.",
            "区企业服务中心的工作人员介绍营业执照、许可证以及对外资企业的扶持政策，并现场答疑。",
        ),
        body=[
            P(
                t(
                    "Bring your questions about opening a company, hiring staff or expanding. "
                    "The team speaks English and can arrange follow-up meetings.",
                    "欢迎带着开公司、招聘员工或扩大经营等问题前来。团队可用英语交流，并可安排后续面谈。",
                )
            ),
            H(t("Who should come", "适合人群")),
            UL(
                [
                    t("Founders planning a company in {district}", "计划在{district_zh}创业的人士"),
                    t("Managers of foreign-invested companies", "外资企业管理人员"),
                    t("Freelancers and consultants", "自由职业者和顾问"),
                ]
            ),
            _register(),
        ],
        hero="forum",
        venue=HALL,
        start_hour=15,
        duration_minutes=120,
        capacity=80,
        registration_required=True,
        languages=("en", "zh-hans"),
    ),
    EventSpec(
        slug="women-in-business-breakfast",
        category="business_forum",
        title=t(
            "International women in business breakfast",
            "国际女性商务早餐会",
        ),
        summary=t(
            "A relaxed breakfast where women entrepreneurs and professionals share experiences "
            "of working and leading in Shanghai.",
            "轻松的早餐会上，女性创业者和职业人士分享在上海工作与领导团队的经验。",
        ),
        body=[
            P(
                t(
                    "Three short talks, then open tables by theme: starting up, leading teams "
                    "and balancing family and work.",
                    "三场简短分享后按主题分桌交流：创业、团队管理、家庭与工作的平衡。",
                )
            ),
            Quote(
                t(
                    "The best advice I got in Shanghai came over a cup of coffee at a meeting "
                    "like this.",
                    "我在上海得到的最好建议，就是在这样的聚会上边喝咖啡边聊出来的。",
                ),
                t("A previous participant", "往期参与者"),
            ),
            _register(),
        ],
        hero="forum",
        venue=t("{centre}, Garden Café", "{centre_zh}花园咖啡厅"),
        start_hour=8,
        duration_minutes=120,
        capacity=40,
        registration_required=True,
        price=Decimal("50.00"),
        price_note=t("Includes breakfast", "含早餐"),
    ),
    EventSpec(
        slug="sme-roundtable",
        category="business_forum",
        title=t(
            "Foreign-invested SMEs roundtable: permits, tax and hiring",
            "外资中小企业圆桌会：许可、税务与招聘",
        ),
        summary=t(
            "Small and medium-sized companies discuss their practical questions with officials "
            "from the human resources, tax and commerce departments.",
            "中小企业与人社、税务和商务部门的工作人员面对面探讨实际问题。",
        ),
        body=[
            P(
                t(
                    "Send your questions in advance so that the right experts are at the table. "
                    "A summary of the answers is published afterwards.",
                    "请提前提交问题，以便邀请合适的专家到场。会后将发布答疑纪要。",
                )
            ),
            _register(),
        ],
        hero="forum",
        venue=HALL,
        start_hour=14,
        duration_minutes=150,
        capacity=30,
        registration_required=True,
    ),
    EventSpec(
        slug="your-voice-matters-roundtable",
        category="business_forum",
        title=t(
            "Your Voice Matters: residents' feedback roundtable in {name}",
            "“你的声音很重要”：{name_zh}居民意见圆桌会",
        ),
        summary=t(
            "Following the CNS Loyalty Program roundtable in Huacao, {name} invites international "
            "residents to tell the community what would serve them better.",
            "继华漕镇CNS忠诚计划圆桌会之后，{name_zh}邀请外籍居民说说社区如何更好地服务大家。",
        ),
        body=[
            P(
                t(
                    "The evening mixes short questions, answers and a free-feedback session. "
                    "Your ideas are shared with the district and city bureaus.",
                    "活动包括简短提问、答疑和自由反馈环节。您的建议将报送区和市相关部门。",
                )
            ),
            _register(),
        ],
        hero="forum",
        venue=HALL,
        start_hour=19,
        duration_minutes=120,
        capacity=40,
        registration_required=True,
        languages=("en", "zh-hans", "ja", "ko"),
    ),
    EventSpec(
        slug="startup-pitch-evening",
        category="business_forum",
        title=t(
            "Start-up pitch evening for international founders",
            "国际创业者项目路演之夜",
        ),
        summary=t(
            "Six founders pitch their ideas to local investors and incubators; the audience "
            "votes for its favourite.",
            "六位创业者向本地投资人和孵化器展示项目，观众投票选出最喜爱的项目。",
        ),
        body=[
            P(
                t(
                    "Each founder has five minutes and three slides. Afterwards there is time to "
                    "meet investors, incubators and the district's enterprise service team.",
                    "每位创业者有五分钟时间和三页幻灯片。之后可与投资人、孵化器和区企业服务团队交流。",
                )
            ),
            _register(),
        ],
        hero="skyline",
        venue=HALL,
        start_hour=18,
        start_minute=30,
        duration_minutes=150,
        capacity=100,
        registration_required=True,
    ),
]

SEMINAR_POOL = [
    EventSpec(
        slug="health-insurance-seminar",
        category="seminar",
        title=t(
            "Health insurance in Shanghai: what your policy really covers",
            "在上海看病：你的保险到底保什么",
        ),
        summary=t(
            "An insurance expert and a hospital's international department explain social and "
            "private insurance, direct billing and claims.",
            "保险专家和医院国际医疗部的工作人员讲解社保与商业保险、直付和理赔。",
        ),
        body=[
            P(
                t(
                    "Why was my claim refused? Which hospitals bill my insurer directly? Bring "
                    "your questions; there is plenty of time for them.",
                    "为什么我的理赔被拒？哪些医院可以直接与保险公司结算？欢迎带着问题来，现场有充足的"
                    "答疑时间。",
                )
            ),
            _register(),
        ],
        hero="clinic",
        venue=HALL,
        start_hour=19,
        duration_minutes=90,
        capacity=60,
        registration_required=True,
    ),
    EventSpec(
        slug="tax-season-seminar",
        category="seminar",
        title=t(
            "Tax season seminar for foreign employees",
            "外籍员工个税季讲座",
        ),
        summary=t(
            "How the annual reconciliation works, which allowances you can choose and how to use "
            "the official tax app, with a live demonstration.",
            "讲解年度汇算流程、可选择的补贴项目以及官方个税应用的使用方法，并现场演示。",
        ),
        body=[
            P(
                t(
                    "A tax officer walks through the annual reconciliation step by step. Bring "
                    "your phone with the tax app installed to follow along.",
                    "税务工作人员将逐步讲解年度汇算。请带上已安装个税应用的手机，跟着一起操作。",
                )
            ),
            _register(),
        ],
        hero="skyline",
        venue=HALL,
        start_hour=19,
        duration_minutes=90,
        capacity=80,
        registration_required=True,
    ),
    EventSpec(
        slug="residence-permit-questions",
        category="seminar",
        title=t(
            "Residence permits and visas: your questions answered by exit-entry officers",
            "居留许可与签证：出入境民警现场答疑",
        ),
        summary=t(
            "Officers from the Exit-Entry Administration explain renewals, changes of employer "
            "and family reunion permits.",
            "出入境管理局民警讲解居留许可延期、变更工作单位和家属团聚等事项。",
        ),
        body=[
            P(
                t(
                    "Personal cases can be discussed one to one after the talk. Please bring "
                    "copies, not originals, of your documents.",
                    "讲座结束后可一对一咨询个人情况。请携带证件复印件，无需带原件。",
                )
            ),
            _register(),
        ],
        hero="community-centre",
        venue=HALL,
        start_hour=14,
        duration_minutes=120,
        capacity=70,
        registration_required=True,
    ),
    EventSpec(
        slug="biomedicine-tech-careers",
        category="seminar",
        title=t(
            "Careers in biomedicine and technology: an industry seminar",
            "生物医药与科技行业职业发展研讨会",
        ),
        summary=t(
            "Researchers and HR managers from local companies talk about jobs, work permits and "
            "what employers look for in international candidates.",
            "本地企业的研究人员和人力资源经理介绍就业机会、工作许可以及企业对国际人才的期待。",
        ),
        body=[
            P(
                t(
                    "Shanghai's science parks are home to many biomedicine and technology "
                    "companies. Speakers share how they hire and how foreign professionals build "
                    "a career here.",
                    "上海的科技园区聚集了众多生物医药和科技企业。嘉宾将分享招聘方式以及外籍专业人士"
                    "如何在这里发展事业。",
                )
            ),
            _register(),
        ],
        hero="skyline",
        venue=HALL,
        start_hour=15,
        duration_minutes=150,
        capacity=120,
        registration_required=True,
    ),
    EventSpec(
        slug="green-living-seminar",
        category="seminar",
        title=t(
            "Green living at home: waste sorting and saving energy",
            "绿色家居生活：垃圾分类与节能",
        ),
        summary=t(
            "Practical tips on sorting waste, cutting electricity bills in summer and recycling "
            "old clothes and electronics.",
            "实用小贴士：垃圾分类、夏季节约电费以及旧衣物和电子产品回收。",
        ),
        body=[
            P(
                t(
                    "A volunteer from the greening and city appearance team explains the four "
                    "bins with real examples; bring your trickiest items.",
                    "绿化市容部门的志愿者将用实物讲解四类垃圾桶，欢迎带上你最拿不准的物品。",
                )
            ),
        ],
        hero="park",
        venue=LIBRARY,
        start_hour=10,
        duration_minutes=90,
        weekend=True,
    ),
]

WORKSHOP_POOL = [
    EventSpec(
        slug="home-style-cooking",
        category="workshop",
        title=t(
            "Chinese cooking class: home-style dishes",
            "中式烹饪课：家常菜",
        ),
        summary=t(
            "Cook tomato and egg stir-fry, Shanghai greens and a simple soup with a local chef, "
            "then eat together.",
            "跟本地厨师学做番茄炒蛋、上海青和一道简单的汤，做完一起享用。",
        ),
        body=[
            P(
                t(
                    "Three everyday dishes that you can cook again at home with ingredients from "
                    "any market.",
                    "三道家常菜，用任何菜场都能买到的食材，回家就能照着做。",
                )
            ),
            UL(
                [
                    t("Tomato and egg stir-fry", "番茄炒蛋"),
                    t("Garlic Shanghai greens", "蒜蓉上海青"),
                    t("Seaweed and egg soup", "紫菜蛋花汤"),
                ]
            ),
            _register(),
        ],
        hero="cooking",
        venue=KITCHEN,
        start_hour=10,
        duration_minutes=150,
        weekend=True,
        capacity=16,
        registration_required=True,
        max_party_size=2,
        price=Decimal("80.00"),
        price_note=t("Includes ingredients and lunch", "含食材和午餐"),
    ),
    EventSpec(
        slug="tea-ceremony-beginners",
        category="workshop",
        title=t(
            "Traditional Chinese tea ceremony for beginners",
            "传统中国茶艺入门",
        ),
        summary=t(
            "Learn to brew green and oolong tea the traditional way and taste the difference "
            "between a first and a third infusion.",
            "学习以传统方式冲泡绿茶和乌龙茶，品味第一泡与第三泡的不同。",
        ),
        body=[
            P(
                t(
                    "A tea master introduces the tools, the water temperature and the gestures "
                    "of a gongfu tea ceremony. Each participant brews at their own table.",
                    "茶艺师将介绍功夫茶的茶具、水温和手法。每位参与者都在自己的茶席上亲手冲泡。",
                )
            ),
            _register(),
        ],
        hero="tea",
        venue=CLASSROOM,
        start_hour=15,
        duration_minutes=90,
        capacity=12,
        registration_required=True,
        max_party_size=2,
        price=Decimal("60.00"),
        price_note=t("Includes tea to take home", "含可带回家的茶叶"),
    ),
    EventSpec(
        slug="everyday-mandarin",
        category="workshop",
        title=t(
            "Everyday Mandarin: phrases for markets, taxis and restaurants",
            "日常中文：菜场、打车和餐厅用语",
        ),
        summary=t(
            "A two-hour crash course with role play: ask for prices, give directions to a "
            "driver and order without pointing at pictures.",
            "两小时速成课加情景练习：问价、给司机指路，点菜不再只靠指图片。",
        ),
        body=[
            P(
                t(
                    "No previous Chinese needed. You leave with a phrase card and the confidence "
                    "to try.",
                    "无需中文基础。课后您将带走一张常用语卡片，以及开口的勇气。",
                )
            ),
            _register(),
        ],
        hero="classroom",
        venue=CLASSROOM,
        start_hour=19,
        duration_minutes=120,
        capacity=20,
        registration_required=True,
    ),
    EventSpec(
        slug="phone-apps-clinic",
        category="workshop",
        title=t(
            "Phone apps clinic: payments, ride-hailing and food delivery",
            "手机应用答疑：支付、打车和外卖",
        ),
        summary=t(
            "Volunteers help you set up the apps everyone uses, one to one, on your own phone.",
            "志愿者一对一帮您在自己的手机上设置大家都在用的应用。",
        ),
        body=[
            P(
                t(
                    "Bring your phone, your passport and a bank card. Most people are set up in "
                    "under half an hour.",
                    "请带上手机、护照和银行卡。大多数人半小时内就能完成设置。",
                )
            ),
        ],
        hero="metro",
        venue=LIBRARY,
        start_hour=10,
        duration_minutes=180,
        weekend=True,
    ),
    EventSpec(
        slug="brush-calligraphy",
        category="workshop",
        title=t(
            "Brush calligraphy workshop",
            "毛笔书法体验课",
        ),
        summary=t(
            "Hold a brush, grind ink and write your first characters with a calligraphy teacher.",
            "跟书法老师学握笔、研墨，写下你的第一个汉字。",
        ),
        body=[
            P(
                t(
                    "Start with the eight basic strokes of the character 永 (eternity), then "
                    "write your name in Chinese.",
                    "从“永”字八法开始，再用中文写下自己的名字。",
                )
            ),
            _register(),
        ],
        hero="classroom",
        venue=CLASSROOM,
        start_hour=14,
        duration_minutes=120,
        capacity=15,
        registration_required=True,
        price=Decimal("30.00"),
        price_note=t("Brush and paper included", "含笔墨纸"),
    ),
]

POOLS: dict[str, list[EventSpec]] = {
    "cultural": CULTURAL_POOL,
    "family": FAMILY_POOL,
    "business_forum": BUSINESS_FORUM_POOL,
    "seminar": SEMINAR_POOL,
    "workshop": WORKSHOP_POOL,
}

# Huacao Town: classes and the feedback roundtable at the HICC -----------------------------------

HICC = t("Huacao International Community Center", "华漕国际社区中心")

HUACAO_EVENTS: list[tuple[EventSpec, str]] = [
    (
        EventSpec(
            slug="hicc-tea-ceremony",
            category="workshop",
            title=t(
                "Experience a traditional tea ceremony like a local at the HICC",
                "在华漕国际社区中心像本地人一样体验传统茶艺",
                ja="華漕国際コミュニティセンターで地元の人のように伝統的な茶芸を体験",
                ko="화차오 국제 커뮤니티 센터에서 현지인처럼 전통 다도 체험",
                fr="Vivre une cérémonie du thé traditionnelle comme un habitant, au HICC",
                de="Eine traditionelle Teezeremonie wie die Einheimischen erleben – im HICC",
                es="Viva una ceremonia del té tradicional como un local en el HICC",
            ),
            summary=t(
                "A hands-on cultural session by City News Service: brew, smell and taste "
                "Chinese teas with a tea master. Small group, booking required.",
                "城市新闻服务（CNS）推出的动手体验文化课程：跟茶艺师一起冲泡、闻香、品鉴中国茶。"
                "小班教学，需预约。",
                ja="シティ・ニュース・サービスの体験型文化講座。茶芸師と一緒に中国茶を淹れ、香りを"
                "楽しみ、味わいます。少人数制、要予約。",
                ko="시티 뉴스 서비스의 체험형 문화 강좌. 다예사와 함께 중국차를 우리고 향을 맡고 "
                "맛봅니다. 소규모, 사전 예약 필수.",
                fr="Un atelier culturel de City News Service : infuser, sentir et déguster des "
                "thés chinois avec un maître de thé. Petit groupe, sur réservation.",
                de="Ein Kulturkurs von City News Service zum Mitmachen: chinesische Tees mit "
                "einem Teemeister aufbrühen, riechen und probieren. Kleine Gruppe, Anmeldung "
                "erforderlich.",
                es="Una sesión cultural práctica de City News Service: preparar, oler y probar "
                "tés chinos con un maestro del té. Grupo reducido, con reserva.",
            ),
            body=[
                P(
                    t(
                        "Since City News Service opened its first offline presence at the HICC, "
                        "the tea ceremony has become one of its most popular sessions.",
                        "自城市新闻服务（CNS）在华漕国际社区中心设立首个线下服务点以来，茶艺体验"
                        "一直是最受欢迎的活动之一。",
                    )
                ),
                UL(
                    [
                        t("Warming the cups and smelling the dry leaves", "温杯、闻干茶香"),
                        t("Brewing a green tea and an oolong", "冲泡一款绿茶和一款乌龙茶"),
                        t(
                            "Tea etiquette you can use at a Chinese friend's home",
                            "到中国朋友家做客时的饮茶礼仪",
                        ),
                    ]
                ),
                _register(),
            ],
            hero="tea",
            venue=t("Huacao International Community Center, Tea Room", "华漕国际社区中心茶室"),
            start_hour=14,
            duration_minutes=90,
            weekend=True,
            languages=("en", "zh-hans", "ja", "ko"),
            capacity=12,
            registration_required=True,
            max_party_size=2,
            organiser=CITY_ORGANISER,
        ),
        "upcoming",
    ),
    (
        EventSpec(
            slug="hicc-cooking-class",
            category="workshop",
            title=t(
                "Fun Chinese cooking class at the HICC: braised pork and scallion pancakes",
                "华漕国际社区中心趣味中餐课：红烧肉和葱油饼",
                ja="華漕国際コミュニティセンターの楽しい中華料理教室：豚の角煮とネギ餅",
                ko="화차오 국제 커뮤니티 센터 즐거운 중국 요리 교실: 홍사오러우와 파전병",
                fr="Cours de cuisine chinoise au HICC : porc braisé et galettes à la ciboule",
                de="Chinesischer Kochkurs im HICC: geschmortes Schweinefleisch und "
                "Frühlingszwiebel-Pfannkuchen",
                es="Clase de cocina china en el HICC: cerdo estofado y tortitas de cebolleta",
            ),
            summary=t(
                "Cook two Shanghai favourites with a local chef, then share the meal with your "
                "classmates.",
                "跟本地厨师学做两道上海人最爱的菜，再和同学们一起分享。",
                ja="地元のシェフと上海の人気料理を2品作り、参加者みんなで味わいます。",
                ko="현지 셰프와 함께 상하이 인기 요리 두 가지를 만들고 함께 나눠 먹습니다.",
                fr="Cuisinez deux classiques de Shanghai avec un chef local, puis partagez le "
                "repas.",
                de="Zwei Shanghaier Lieblingsgerichte mit einem einheimischen Koch zubereiten und "
                "gemeinsam essen.",
                es="Cocine dos platos favoritos de Shanghái con un chef local y compártalos con "
                "el grupo.",
            ),
            body=[
                P(
                    t(
                        "Hongshao rou, pork braised in soy sauce and sugar, is the taste of a "
                        "Shanghai family kitchen. Scallion pancakes are the city's favourite "
                        "breakfast.",
                        "红烧肉是上海人家厨房的味道，葱油饼则是这座城市最受欢迎的早点。",
                    )
                ),
                Quote(
                    t(
                        "I finally understand why my neighbour's kitchen smells so good on "
                        "Sundays.",
                        "我终于明白，为什么邻居家的厨房每到周日都那么香了。",
                    ),
                    t("A participant in an earlier class", "往期学员"),
                ),
                _register(),
            ],
            hero="cooking",
            venue=t("Huacao International Community Center, Kitchen", "华漕国际社区中心厨房"),
            start_hour=10,
            duration_minutes=150,
            weekend=True,
            languages=("en", "zh-hans"),
            capacity=14,
            registration_required=True,
            max_party_size=2,
            price=Decimal("60.00"),
            price_note=t("Includes ingredients", "含食材费"),
            organiser=CITY_ORGANISER,
        ),
        "past",
    ),
    (
        EventSpec(
            slug="cns-loyalty-program-roundtable",
            category="business_forum",
            title=t(
                "CNS Loyalty Program: Your Voice Matters roundtable",
                "CNS忠诚计划：“你的声音很重要”圆桌会",
            ),
            summary=t(
                "Expats share ideas and suggestions on how the district can better serve them, "
                "through questions, answers and free-feedback sessions.",
                "外籍居民通过问答和自由反馈环节，就如何更好地服务外籍居民建言献策。",
            ),
            body=[
                P(
                    t(
                        "Organised by City News Service at the HICC. The insights gathered are "
                        "shared with other sub-districts that have large foreign communities.",
                        "由城市新闻服务（CNS）在华漕国际社区中心主办。收集到的意见将分享给外籍人口"
                        "较多的其他街镇。",
                    )
                ),
                H(t("Format", "活动形式")),
                UL(
                    [
                        t("Welcome and introduction by CNS", "CNS致辞和介绍"),
                        t(
                            "Questions and answers with community officials",
                            "与社区工作人员问答交流",
                        ),
                        t("Free-feedback session in small groups", "分组自由反馈"),
                    ]
                ),
            ],
            hero="forum",
            venue=t("Huacao International Community Center, Hall 2", "华漕国际社区中心2号厅"),
            start_hour=14,
            duration_minutes=150,
            languages=("en", "zh-hans"),
            capacity=40,
            registration_required=True,
            organiser=CITY_ORGANISER,
        ),
        "past",
    ),
]

COMMUNITY_EXTRAS: dict[str, list[tuple[EventSpec, str]]] = {"huacao-town": HUACAO_EVENTS}
# Pool events a community skips because one of its own events covers the same ground.
COMMUNITY_EXCLUDED: dict[str, set[str]] = {
    "huacao-town": {"your-voice-matters-roundtable", "tea-ceremony-beginners", "home-style-cooking"}
}

# City-wide (under the home page's "What's On") -------------------------------------------------

CITY_ADDRESS = t("Shanghai", "上海市")

CITY_EVENTS: list[tuple[EventSpec, str]] = [
    (
        EventSpec(
            slug="international-lantern-evening",
            category="cultural",
            title=t(
                "International residents' lantern evening",
                "国际居民灯会之夜",
                ja="外国人住民のためのランタンの夕べ",
                ko="국제 주민 등불의 밤",
                fr="Soirée des lanternes pour les résidents internationaux",
                de="Laternenabend für internationale Einwohner",
                es="Noche de faroles para residentes internacionales",
            ),
            summary=t(
                "Residents of all nine alliance communities meet for lantern riddles, folk music "
                "and tangyuan.",
                "联盟九个社区的居民齐聚一堂，猜灯谜、听民乐、吃汤圆。",
                ja="連盟9地域の住民が集まり、灯籠のなぞなぞ、民族音楽、湯円を楽しみます。",
                ko="연맹 9개 커뮤니티 주민들이 모여 등불 수수께끼, 민속 음악, 탕위안을 즐깁니다.",
                fr="Les habitants des neuf communautés de l'alliance se retrouvent pour des "
                "devinettes, de la musique traditionnelle et des tangyuan.",
                de="Einwohner aller neun Gemeinden der Allianz treffen sich zu Laternenrätseln, "
                "Volksmusik und Tangyuan.",
                es="Vecinos de las nueve comunidades de la alianza se reúnen para adivinanzas, "
                "música tradicional y tangyuan.",
            ),
            body=[
                P(
                    t(
                        "Every community brings a lantern made by its residents; the evening ends "
                        "with a vote for the most beautiful one.",
                        "每个社区都会带来居民亲手制作的灯笼，活动最后将投票选出最美灯笼。",
                    )
                ),
                _register(),
            ],
            hero="lanterns",
            venue=t("Shanghai Library East, Atrium", "上海图书馆东馆中庭"),
            address=t("Pudong New Area, Shanghai", "上海市浦东新区"),
            start_hour=18,
            duration_minutes=180,
            languages=("en", "zh-hans", "ja", "ko", "fr", "de", "es"),
            capacity=300,
            registration_required=True,
            max_party_size=6,
            organiser=CITY_ORGANISER,
            latitude=Decimal("31.2010"),
            longitude=Decimal("121.5470"),
        ),
        "upcoming",
    ),
    (
        EventSpec(
            slug="international-family-day",
            category="family",
            title=t(
                "International Family Day in Century Park",
                "世纪公园国际家庭日",
            ),
            summary=t(
                "Picnic, games and music for families from around the world, with stands from "
                "all nine alliance communities.",
                "来自世界各地的家庭一起野餐、游戏、欣赏音乐，联盟九个社区都将设摊。",
            ),
            body=[
                P(
                    t(
                        "Bring a picnic blanket. Children's games run all afternoon; community "
                        "stands answer questions about schools, clinics and classes.",
                        "请带上野餐垫。儿童游戏整个下午持续进行，各社区展位可解答学校、诊所和课程"
                        "等问题。",
                    )
                ),
            ],
            hero="park",
            venue=t("Century Park, Lawn 3", "世纪公园3号草坪"),
            address=t("Pudong New Area, Shanghai", "上海市浦东新区"),
            start_hour=13,
            duration_minutes=240,
            weekend=True,
            organiser=CITY_ORGANISER,
            latitude=Decimal("31.2190"),
            longitude=Decimal("121.5510"),
        ),
        "past",
    ),
    (
        EventSpec(
            slug="international-business-forum",
            category="business_forum",
            title=t(
                "Shanghai international business forum: services for foreign-invested companies",
                "上海国际商务论坛：外资企业服务",
                ja="上海国際ビジネスフォーラム：外資系企業向けサービス",
                ko="상하이 국제 비즈니스 포럼: 외국인 투자 기업 서비스",
                fr="Forum international des affaires de Shanghai : les services aux entreprises "
                "à capitaux étrangers",
                de="Internationales Wirtschaftsforum Shanghai: Services für ausländisch "
                "investierte Unternehmen",
                es="Foro internacional de negocios de Shanghái: servicios para empresas de "
                "capital extranjero",
            ),
            summary=t(
                "City bureaus present services for foreign-invested companies; business leaders "
                "discuss what would help them grow.",
                "市级部门介绍外资企业服务举措，企业负责人探讨有助于发展的举措。",
                ja="市の各部局が外資系企業向けサービスを紹介し、経営者が成長に役立つ施策を議論します。",
                ko="시 각 부처가 외국인 투자 기업 서비스를 소개하고 "
                "기업인들이 성장에 필요한 지원을 논의합니다.",
                fr="Les administrations municipales présentent leurs services ; des dirigeants "
                "débattent de ce qui les aiderait à se développer.",
                de="Städtische Behörden stellen ihre Services vor; Unternehmer diskutieren, was "
                "ihnen beim Wachstum helfen würde.",
                es="Las oficinas municipales presentan sus servicios y empresarios debaten qué "
                "les ayudaría a crecer.",
            ),
            body=[
                P(
                    t(
                        "Speakers from the commerce, human resources and tax departments, "
                        "followed by a panel of founders from the alliance communities.",
                        "商务、人社和税务部门嘉宾发言，随后联盟社区的创业者参与圆桌讨论。",
                    )
                ),
                _register(),
            ],
            hero="forum",
            venue=t("Shanghai Exhibition Centre, Conference Hall", "上海展览中心会议厅"),
            address=t("Jing'an District, Shanghai", "上海市静安区"),
            start_hour=9,
            start_minute=30,
            duration_minutes=210,
            languages=("en", "zh-hans"),
            capacity=250,
            registration_required=True,
            max_party_size=2,
            organiser=CITY_ORGANISER,
            latitude=Decimal("31.2260"),
            longitude=Decimal("121.4460"),
        ),
        "upcoming",
    ),
    (
        EventSpec(
            slug="healthcare-seminar",
            category="seminar",
            title=t(
                "Navigating healthcare in Shanghai: a seminar for international residents",
                "在上海就医指南：面向外籍居民的讲座",
            ),
            summary=t(
                "Doctors and insurance specialists explain the health system, from community "
                "health centres to international departments.",
                "医生和保险专家讲解医疗体系，从社区卫生服务中心到国际医疗部。",
            ),
            body=[
                P(
                    t(
                        "Part of the alliance's programme of industry seminars. Questions can be "
                        "sent in advance.",
                        "本场是联盟系列行业讲座之一，可提前提交问题。",
                    )
                ),
                _register(),
            ],
            hero="clinic",
            venue=t("Shanghai Library East, Lecture Hall", "上海图书馆东馆报告厅"),
            address=t("Pudong New Area, Shanghai", "上海市浦东新区"),
            start_hour=14,
            duration_minutes=150,
            capacity=200,
            registration_required=True,
            organiser=CITY_ORGANISER,
            latitude=Decimal("31.2010"),
            longitude=Decimal("121.5470"),
        ),
        "upcoming",
    ),
    (
        EventSpec(
            slug="alliance-first-year-review",
            category="seminar",
            title=t(
                "Info-Services Alliance: a first-year review with the member communities",
                "信息服务联盟：与成员社区共同回顾首年工作",
            ),
            summary=t(
                "Member communities report on what residents asked for and what changed, and "
                "plan the next year's events.",
                "各成员社区汇报居民的诉求和已落实的变化，并规划下一年的活动。",
            ),
            body=[
                P(
                    t(
                        "Open to residents: hear how feedback from the roundtables was shared "
                        "upward and across sub-districts.",
                        "面向居民开放：了解圆桌会收集的意见如何向上报送、在街镇之间共享。",
                    )
                ),
            ],
            hero="forum",
            venue=t("Huacao International Community Center, Hall 2", "华漕国际社区中心2号厅"),
            address=t("Huacao Town, Minhang District, Shanghai", "上海市闵行区华漕镇"),
            start_hour=14,
            duration_minutes=180,
            organiser=CITY_ORGANISER,
        ),
        "past",
    ),
    (
        EventSpec(
            slug="survival-mandarin-newcomers",
            category="workshop",
            title=t(
                "Survival Mandarin for newcomers: a two-hour workshop",
                "新居民生存中文：两小时工作坊",
            ),
            summary=t(
                "Numbers, directions, food and emergencies: the Chinese you need in your first "
                "month, taught by volunteer teachers.",
                "数字、问路、吃饭和紧急情况：由志愿者老师教授初来乍到第一个月最需要的中文。",
            ),
            body=[
                P(
                    t(
                        "Held online and in person at the same time, so newcomers from every "
                        "community can join.",
                        "线上线下同步进行，各社区的新居民都可参加。",
                    )
                ),
                _register(),
            ],
            hero="classroom",
            venue=t(
                "Online and at the Huacao International Community Center", "线上及华漕国际社区中心"
            ),
            address=t("Huacao Town, Minhang District, Shanghai", "上海市闵行区华漕镇"),
            start_hour=19,
            duration_minutes=120,
            capacity=100,
            registration_required=True,
            organiser=CITY_ORGANISER,
        ),
        "upcoming",
    ),
]
