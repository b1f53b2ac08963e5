//! 评估指标 the 26 second-level items of GB/T 42195-2022 (附录B 老年人能力评估表), grouped by the
//! four first-level indicators, with each option's score and wording. The scores sum to 90:
//! 自理能力 32 (8 × 4), 基础运动能力 15 (4 + 4 + 4 + 3), 精神状态 28 (6 × 4 + 1 + 1 + 2),
//! 感知觉与社会参与 15 (2 + 2 + 4 + 3 + 4). See docs/elderly-assessment.md for the sources.
use serde::Serialize;

vocabulary! {
    /// 一级指标 first-level indicator.
pub enum Indicator {
        SelfCare => ("self_care", "自理能力", "Self-care"),
        Motor => ("motor", "基础运动能力", "Basic motor ability"),
        Mental => ("mental", "精神状态", "Mental state"),
        Perception => ("perception", "感知觉与社会参与", "Perception and social participation"),
    }
}

/// One answer an assessor may pick, best first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Serialize)]
pub struct ItemOption {
    pub score: u8,
    pub zh: &'static str,
    pub en: &'static str,
}

/// 二级指标 one item of the form.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Item {
    /// stable code, the key of an answer set
    pub code: &'static str,
    /// the standard's numbering (B.1.1 …)
    pub number: &'static str,
    pub indicator: Indicator,
    pub zh: &'static str,
    pub en: &'static str,
    /// what the item looks at
    pub hint_zh: &'static str,
    pub hint_en: &'static str,
    pub options: &'static [ItemOption],
}

impl Item {
    /// The highest score (the first option).
    pub fn max(&self) -> u8 {
        self.options.iter().map(|o| o.score).max().unwrap_or(0)
    }
}

const fn o(score: u8, zh: &'static str, en: &'static str) -> ItemOption {
    ItemOption { score, zh, en }
}

/// The five-step wording the standard uses for most self-care and motor items.
const HELP: &[ItemOption] = &[
    o(4, "独立完成，不需要协助", "Does it alone, no help needed"),
    o(3, "在他人指导或提示下完成", "Does it with guidance or prompting"),
    o(2, "需要他人协助，但以自身完成为主", "Needs help but does most of it"),
    o(1, "主要依靠他人协助，自身能给予配合", "Mostly done by others, can cooperate"),
    o(0, "完全依赖他人协助，且不能给予配合", "Fully dependent, cannot cooperate"),
];

const SEEN: &[ItemOption] = &[o(1, "未出现", "Not present"), o(0, "近一个月内出现过", "Present in the last month")];

pub const ITEMS: [Item; 26] = [
    Item { code: "eating", number: "B.1.1", indicator: Indicator::SelfCare, zh: "进食", en: "Eating",
        hint_zh: "使用适当的器具将食物送入口中并咽下", hint_en: "bring food to the mouth with suitable utensils and swallow",
        options: &[
            o(4, "独立使用器具将食物送进口中并咽下，没有呛咳", "Eats alone with utensils, no choking"),
            o(3, "在他人指导或提示下完成，或独立使用辅具，没有呛咳", "Eats with prompting or with aids alone, no choking"),
            o(2, "进食中需要少量接触式协助，偶尔（每月一次及以上）呛咳", "Needs a little hands-on help, chokes monthly"),
            o(1, "进食中需要大量接触式协助，经常（每周一次及以上）呛咳", "Needs much hands-on help, chokes weekly"),
            o(0, "完全依赖他人协助进食，或吞咽困难，或留置营养管", "Fully fed by others, swallowing difficulty or feeding tube"),
        ] },
    Item { code: "grooming", number: "B.1.2", indicator: Indicator::SelfCare, zh: "修饰", en: "Grooming",
        hint_zh: "洗脸、刷牙、梳头、刮脸、剪指（趾）甲等", hint_en: "washing the face, brushing teeth, combing, shaving, cutting nails", options: HELP },
    Item { code: "bathing", number: "B.1.3", indicator: Indicator::SelfCare, zh: "洗澡", en: "Bathing",
        hint_zh: "清洗和擦干身体", hint_en: "washing and drying the body", options: HELP },
    Item { code: "dressing_upper", number: "B.1.4", indicator: Indicator::SelfCare, zh: "穿/脱上衣", en: "Dressing (upper body)",
        hint_zh: "穿/脱上身衣服、系扣、拉拉链等", hint_en: "putting on and taking off upper garments, buttons, zips", options: HELP },
    Item { code: "dressing_lower", number: "B.1.5", indicator: Indicator::SelfCare, zh: "穿/脱裤子和鞋袜", en: "Dressing (trousers, shoes, socks)",
        hint_zh: "穿/脱裤子、鞋袜等", hint_en: "putting on and taking off trousers, shoes and socks", options: HELP },
    Item { code: "bladder", number: "B.1.6", indicator: Indicator::SelfCare, zh: "小便控制", en: "Bladder control",
        hint_zh: "控制和排出尿液的能力", hint_en: "controlling and passing urine",
        options: &[
            o(4, "可自行控制排尿，排尿次数、排尿控制均正常", "Normal control and frequency"),
            o(3, "白天可自行控制，夜间排尿次数增多、控制较差，或自行使用尿布、尿垫等", "Controls by day; worse at night, or uses pads alone"),
            o(2, "白天大部分时间可控制，偶有尿失禁（每天<1次，每周>1次），或需少量协助使用尿布、尿垫", "Mostly controls by day, occasional incontinence, or a little help with pads"),
            o(1, "白天大部分时间不能控制（每天≥1次），夜间尿失禁，或需大量协助使用尿布、尿垫", "Mostly no control by day, incontinent at night, or much help with pads"),
            o(0, "小便失禁，完全不能控制排尿，或留置导尿管", "Incontinent, no control, or catheter"),
        ] },
    Item { code: "bowel", number: "B.1.7", indicator: Indicator::SelfCare, zh: "大便控制", en: "Bowel control",
        hint_zh: "控制和排出粪便的能力", hint_en: "controlling and passing stool",
        options: &[
            o(4, "可正常自行控制大便排出", "Normal control"),
            o(3, "有时（每天<1次）便秘或大便失禁，或自行使用开塞露、尿垫等", "Sometimes constipated or incontinent, or uses aids alone"),
            o(2, "经常（每天<1次，每周>1次）便秘或大便失禁，或需少量协助使用开塞露、尿垫", "Often constipated or incontinent, or a little help with aids"),
            o(1, "大部分时间（每天≥1次）便秘或大便失禁，或需大量协助使用开塞露、尿垫", "Mostly constipated or incontinent, or much help with aids"),
            o(0, "严重便秘或完全大便失禁，需依赖他人协助排便或清洁皮肤", "Severe constipation or full incontinence, dependent on others"),
        ] },
    Item { code: "toileting", number: "B.1.8", indicator: Indicator::SelfCare, zh: "如厕", en: "Toileting",
        hint_zh: "上厕所排泄大小便，并清洁身体（含解开、穿上裤子）", hint_en: "using the toilet, cleaning oneself, undoing and doing up clothes", options: HELP },
    Item { code: "bed_mobility", number: "B.2.1", indicator: Indicator::Motor, zh: "床上体位转移", en: "Bed mobility",
        hint_zh: "卧床翻身及坐起躺下", hint_en: "turning over in bed, sitting up and lying down", options: HELP },
    Item { code: "bed_chair_transfer", number: "B.2.2", indicator: Indicator::Motor, zh: "床椅转移", en: "Bed–chair transfer",
        hint_zh: "从坐位到站位，再从站位到坐位的转换过程", hint_en: "from sitting to standing and back", options: HELP },
    Item { code: "walking", number: "B.2.3", indicator: Indicator::Motor, zh: "平地行走", en: "Walking on level ground",
        hint_zh: "双脚交互在地面行动，包括他人辅助和使用辅具的步行", hint_en: "walking, with help or aids included",
        options: &[
            o(4, "独立平地行走50m左右，不需要协助，无摔倒风险", "Walks about 50 m alone, no risk of falling"),
            o(3, "能平地行走50m左右，存在跌倒风险，需要他人监护或指导，或使用拐杖、助行器等", "Walks about 50 m with supervision or a stick or walker"),
            o(2, "在步行时需要他人少量扶持协助", "Needs a little support while walking"),
            o(1, "在步行时需要他人大量扶持协助", "Needs much support while walking"),
            o(0, "完全不能步行", "Cannot walk"),
        ] },
    Item { code: "stairs", number: "B.2.4", indicator: Indicator::Motor, zh: "上下楼梯", en: "Stairs",
        hint_zh: "双脚交替完成楼梯台阶连续的上下移动", hint_en: "going up and down 10–15 steps alternating feet",
        options: &[
            o(3, "可独立上下楼梯（连续上下10~15个台阶），不需要协助", "Climbs 10–15 steps alone"),
            o(2, "在他人指导或提示下完成", "Climbs with guidance or prompting"),
            o(1, "需要他人协助，但以自身完成为主", "Needs help but does most of it"),
            o(0, "主要依靠他人协助，或完全依赖他人协助", "Mostly or fully dependent on others"),
        ] },
    Item { code: "time_orientation", number: "B.3.1", indicator: Indicator::Mental, zh: "时间定向", en: "Orientation to time",
        hint_zh: "知道并确认时间的能力", hint_en: "knowing the time",
        options: &[
            o(4, "时间观念（年、月）清楚，日期（或星期几）可相差一天", "Knows year and month; date within a day"),
            o(3, "时间观念有些下降，年、月、日（或星期几）不能全部分清（相差两天或以上）", "Somewhat reduced; cannot tell all of year, month, day"),
            o(2, "时间观念较差，年、月、日不清楚，可知上半年或下半年或季节", "Poor; knows only the half-year or season"),
            o(1, "时间观念很差，年、月、日不清楚，可知上午、下午或白天、夜间", "Very poor; knows only morning/afternoon or day/night"),
            o(0, "无时间观念", "No sense of time"),
        ] },
    Item { code: "place_orientation", number: "B.3.2", indicator: Indicator::Mental, zh: "空间定向", en: "Orientation to place",
        hint_zh: "知道并确认空间的能力", hint_en: "knowing where one is",
        options: &[
            o(4, "能在日常生活范围内单独外出，如在居住小区内独自外出购物等", "Goes out alone within the neighbourhood"),
            o(3, "不能单独外出，但能准确知道自己日常生活所在地的地址信息", "Cannot go out alone; knows the address exactly"),
            o(2, "不能单独外出，但知道较多有关自己日常生活的地址信息", "Cannot go out alone; knows much about where he lives"),
            o(1, "不能单独外出，但知道较少自己居住或生活所在地的地址信息", "Cannot go out alone; knows little about where he lives"),
            o(0, "不能单独外出，无空间观念", "Cannot go out alone; no sense of place"),
        ] },
    Item { code: "person_orientation", number: "B.3.3", indicator: Indicator::Mental, zh: "人物定向", en: "Orientation to persons",
        hint_zh: "知道并确认人物的能力", hint_en: "recognising people",
        options: &[
            o(4, "认识长期共同一起生活的人，能称呼并知道关系", "Knows those he lives with, their names and relation"),
            o(3, "能认识大部分共同生活居住的人，能称呼或知道关系", "Knows most of those he lives with"),
            o(2, "能认识部分日常同住的亲人或照护者等，能称呼或知道关系", "Knows some relatives or carers"),
            o(1, "只认识自己或极少数日常同住的亲人或照护者等", "Knows only himself or very few"),
            o(0, "不认识任何人（包括自己）", "Knows nobody, himself included"),
        ] },
    Item { code: "memory", number: "B.3.4", indicator: Indicator::Mental, zh: "记忆", en: "Memory",
        hint_zh: "短时、近期和远期记忆能力", hint_en: "short-term, recent and long-term memory",
        options: &[
            o(4, "总能保持与社会、年龄所适应的记忆能力，能完整地回忆", "Memory fits age; recalls fully"),
            o(3, "出现轻度的记忆紊乱或回忆不能（3个词语经过5分钟后仅能回忆0~1个）", "Mild disorder (recalls 0–1 of 3 words after 5 minutes)"),
            o(2, "出现中度的记忆紊乱或回忆不能（不记得上一顿饭吃了什么）", "Moderate disorder (cannot recall the last meal)"),
            o(1, "出现重度的记忆紊乱或回忆不能（不记得自己的老朋友）", "Severe disorder (cannot recall old friends)"),
            o(0, "记忆完全紊乱或者完全不能对既往事物进行正确的回忆", "Memory fully disordered"),
        ] },
    Item { code: "understanding", number: "B.3.5", indicator: Indicator::Mental, zh: "理解能力", en: "Understanding",
        hint_zh: "理解语言信息和非语言信息的能力（可借助平时使用的助听设备等）", hint_en: "understanding what others say (hearing aids allowed)",
        options: &[
            o(4, "能正常理解他人的话", "Understands normally"),
            o(3, "能理解他人的话，但需要增加时间", "Understands, given more time"),
            o(2, "理解有困难，需要频繁重复或简化口头表达", "Has difficulty; needs repetition or simpler words"),
            o(1, "理解有严重困难，需要大量他人帮助", "Severe difficulty; needs much help"),
            o(0, "完全不能理解他人的话", "Cannot understand others"),
        ] },
    Item { code: "expression", number: "B.3.6", indicator: Indicator::Mental, zh: "表达能力", en: "Expression",
        hint_zh: "表达信息能力，包括口头的和非口头的", hint_en: "expressing oneself, spoken or not",
        options: &[
            o(4, "能正常表达自己的想法", "Expresses himself normally"),
            o(3, "能表达自己的需要，但需要增加时间", "Expresses needs, given more time"),
            o(2, "表达需要有困难，需频繁重复或简化口头表达", "Has difficulty; needs repetition or simpler words"),
            o(1, "表达有严重困难，需要大量他人帮助", "Severe difficulty; needs much help"),
            o(0, "完全不能表达需要", "Cannot express needs"),
        ] },
    Item { code: "aggression", number: "B.3.7", indicator: Indicator::Mental, zh: "攻击行为", en: "Aggressive behaviour",
        hint_zh: "身体攻击行为（打、踢、推、咬、抓、摔东西）和语言攻击行为（骂人、语言威胁、尖叫）", hint_en: "physical or verbal aggression", options: SEEN },
    Item { code: "depression", number: "B.3.8", indicator: Indicator::Mental, zh: "抑郁症状", en: "Depressive symptoms",
        hint_zh: "情绪低落、兴趣减退、活力减退等，甚至出现妄想、幻觉、自杀念头或行为", hint_en: "low mood, loss of interest or energy, even delusions or suicidal thoughts", options: SEEN },
    Item { code: "consciousness", number: "B.3.9", indicator: Indicator::Mental, zh: "意识水平", en: "Level of consciousness",
        hint_zh: "对自身和周围环境的刺激做出应答反应的能力（昏迷者另在调整项中勾选）", hint_en: "response to stimuli (mark coma among the adjustments)",
        options: &[
            o(2, "神志清醒，对周围环境能做出正确反应", "Awake, responds correctly"),
            o(1, "嗜睡，或意识模糊", "Drowsy or confused"),
            o(0, "昏睡，或昏迷", "Stuporous or in a coma"),
        ] },
    Item { code: "vision", number: "B.4.1", indicator: Indicator::Perception, zh: "视力", en: "Vision",
        hint_zh: "在个体最好矫正视力下评估", hint_en: "with the best corrected vision",
        options: &[
            o(2, "视力正常", "Normal"),
            o(1, "能看清大字体但看不清书报标准字体；或看不清报纸大标题但能辨认物体", "Reads large print only, or recognises objects only"),
            o(0, "只能看到光、颜色和形状；或完全失明", "Sees only light, colour and shape, or blind"),
        ] },
    Item { code: "hearing", number: "B.4.2", indicator: Indicator::Perception, zh: "听力", en: "Hearing",
        hint_zh: "可借助平时使用的助听设备", hint_en: "hearing aids allowed",
        options: &[
            o(2, "听力正常", "Normal"),
            o(1, "轻声说话或距离超过两米时听不清；正常交流需安静环境或大声说话", "Misses quiet speech or beyond 2 m; needs quiet or loud speech"),
            o(0, "讲话者大声或很慢说话才能部分听见；或完全失聪", "Hears partly only when loud and slow, or deaf"),
        ] },
    Item { code: "daily_affairs", number: "B.4.3", indicator: Indicator::Perception, zh: "执行日常事务", en: "Daily affairs",
        hint_zh: "计划、安排并完成日常事务，如洗衣服、小金额购物、服药管理", hint_en: "planning and doing laundry, small purchases, medicines",
        options: &[
            o(4, "能完全独立计划、安排和完成日常事务，无需协助", "Fully independent"),
            o(3, "需要他人监护或指导", "Needs supervision or guidance"),
            o(2, "需要少量协助", "Needs a little help"),
            o(1, "需要大量协助", "Needs much help"),
            o(0, "完全依赖他人进行日常事务", "Fully dependent"),
        ] },
    Item { code: "transport", number: "B.4.4", indicator: Indicator::Perception, zh: "使用交通工具外出", en: "Going out by transport",
        hint_zh: "使用交通工具外出的能力", hint_en: "going out by bicycle, bus or taxi",
        options: &[
            o(3, "能自己骑车或搭乘公共交通工具外出", "Rides a bicycle or takes public transport alone"),
            o(2, "能自己搭乘出租车，但不会搭乘其他公共交通工具外出", "Takes a taxi alone, not other public transport"),
            o(1, "当有人协助或陪伴，可搭乘公共交通工具外出", "Takes public transport when accompanied"),
            o(0, "只能在他人协助下搭乘出租车或私家车外出；或完全不能出门", "Only by taxi or car with help, or cannot go out"),
        ] },
    Item { code: "social", number: "B.4.5", indicator: Indicator::Perception, zh: "社会交往能力", en: "Social interaction",
        hint_zh: "参与社会、与人交往的能力", hint_en: "taking part in society and dealing with people",
        options: &[
            o(4, "参与社会，在社会环境有一定的适应能力，待人接物恰当", "Takes part in society, adapts, behaves appropriately"),
            o(3, "能适应单纯环境，主动接触他人，初次见面时难让人发现智力问题，不能理解隐喻语", "Adapts to simple settings, approaches others, misses metaphors"),
            o(2, "脱离社会，可被动接触，不会主动待他人，谈话中很多不适词句，容易上当受骗", "Withdrawn, passive contact, easily deceived"),
            o(1, "勉强可与他人接触，谈吐内容不清楚，表情不恰当", "Barely in contact, unclear speech, inappropriate expression"),
            o(0, "不能与人交往", "Cannot interact with others"),
        ] },
];

/// The item with this code.
pub fn item(code: &str) -> Option<(usize, &'static Item)> {
    ITEMS.iter().enumerate().find(|(_, i)| i.code == code)
}

/// The highest score of an indicator (the sum of its items' maxima).
pub fn indicator_max(ind: Indicator) -> u32 {
    ITEMS.iter().filter(|i| i.indicator == ind).map(|i| u32::from(i.max())).sum()
}
