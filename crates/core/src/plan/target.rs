//! 计划指标 the quantities a plan text gives (床位250张, 完成5间，每间补助10万元, 登记任务数130个, 50%),
//! read so the officer starts from them and edits what the reading got wrong. Years (2014年),
//! months and dates are not quantities. Money is integer fen.
use serde::Serialize;

/// Units a quantity may have, longest first so 平方米 wins over 米.
const UNITS: &[&str] = &["平方米", "万元", "元", "张", "间", "个", "人", "户", "名", "所", "家", "次", "项", "期", "场", "%", "％"];

/// One quantity read from a plan text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quantity {
    /// the number, in hundredths (250 → 25000; 50% → 5000; 0.5 → 50)
    pub hundredths: i64,
    /// the unit as written (万元 is read as 元)
    pub unit: String,
    /// for money: the amount in fen
    pub fen: Option<i64>,
    /// 每X: the unit it is per (每张, 每人, 每间), for rates
    pub per: Option<String>,
    /// up to four characters before the number (床位, 补助, 任务数), to say what is counted
    pub subject: String,
}

impl Quantity {
    /// The whole number, when it is one.
    pub fn whole(&self) -> Option<i64> {
        (self.hundredths % 100 == 0).then_some(self.hundredths / 100)
    }
}

/// Every quantity in `text`, in order.
pub fn quantities(text: &str) -> Vec<Quantity> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut int: i64 = 0;
        while i < chars.len() && chars[i].is_ascii_digit() {
            int = int.saturating_mul(10).saturating_add(i64::from(chars[i].to_digit(10).unwrap_or(0)));
            i += 1;
        }
        let mut frac: i64 = 0;
        if i + 1 < chars.len() && chars[i] == '.' && chars[i + 1].is_ascii_digit() {
            i += 1;
            let mut scale = 10;
            while i < chars.len() && chars[i].is_ascii_digit() {
                frac += i64::from(chars[i].to_digit(10).unwrap_or(0)) * scale;
                scale /= 10;
                i += 1;
            }
        }
        // a list number (1. 2、) or part of a range or a date is not a quantity
        let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
        let Some(unit) = UNITS.iter().find(|u| rest.starts_with(*u)) else { continue };
        let wan = rest.starts_with("万元");
        let mut hundredths = int.saturating_mul(100).saturating_add(frac);
        if wan {
            hundredths = hundredths.saturating_mul(10_000);
        }
        i += unit.chars().count();
        let unit = if wan { "元" } else { unit };
        let before: String = chars[start.saturating_sub(4)..start].iter().collect();
        let subject: String = before.chars().rev().take_while(|c| !c.is_ascii_punctuation() && !"，。；、：（）".contains(*c) && !c.is_ascii_digit()).collect::<Vec<_>>().into_iter().rev().collect();
        let per = per_unit(&chars[..start]);
        out.push(Quantity {
            hundredths,
            unit: unit.replace('％', "%"),
            fen: (unit == "元").then_some(hundredths),
            per,
            subject,
        });
    }
    out
}

/// 每X before a number in the same clause: the X.
fn per_unit(before: &[char]) -> Option<String> {
    let clause: Vec<char> = before.iter().rev().take_while(|c| !"，。；,;".contains(**c)).copied().collect::<Vec<_>>().into_iter().rev().collect();
    let at = clause.iter().position(|c| *c == '每')?;
    clause.get(at + 1).map(|c| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    type Parts = (i64, String, Option<i64>, Option<String>, String);

    fn q(text: &str) -> Vec<Parts> {
        quantities(text).into_iter().map(|q| (q.hundredths, q.unit, q.fen, q.per, q.subject)).collect()
    }

    #[test]
    fn beds_centres_and_subsidies_from_the_seed() {
        let r = q("改造旧楼设立床位250张。");
        assert_eq!(r, vec![(25_000, "张".into(), None, None, "设立床位".into())]);
        // 770 beds, and 5000 yuan per bed = 500000 fen
        let r = quantities("新增民办养老机构床位770张，每张床位一次性补助5000元；运营补贴床位约320张，按每张每年1000元补助。");
        assert_eq!(r.iter().map(|q| (q.whole(), q.unit.as_str(), q.fen, q.per.as_deref())).collect::<Vec<_>>(), vec![
            (Some(770), "张", None, None),
            (Some(5000), "元", Some(500_000), Some("张")),
            (Some(320), "张", None, None),
            (Some(1000), "元", Some(100_000), Some("张")),
        ]);
        // 5 centres at 10万元 each: 100000 yuan = 10,000,000 fen per centre
        let r = quantities("选取5个镇（街），增设临时托管或日间照料场所，配置设施设备，完成5间，每间补助10万元。");
        assert_eq!(r.iter().map(|q| (q.whole(), q.unit.as_str(), q.fen, q.per.as_deref())).collect::<Vec<_>>(), vec![
            (Some(5), "个", None, None),
            (Some(5), "间", None, None),
            (Some(100_000), "元", Some(10_000_000), Some("间")),
        ]);
    }

    #[test]
    fn years_list_numbers_and_percentages() {
        // 2014年 is a year, 1. a list number; 300人, 50% (twice) and 800元 per person are quantities
        let r = quantities("1.目前全区养老机构院长、护理员约300人，2014年完成50%院长、护理员的培训工作，从业人员持证上岗率达到50%以上，每人补助800元。");
        assert_eq!(r.iter().map(|q| (q.hundredths, q.unit.as_str())).collect::<Vec<_>>(), vec![(30_000, "人"), (5_000, "%"), (5_000, "%"), (80_000, "元")]);
        assert_eq!(r[3].per.as_deref(), Some("人"));
        assert_eq!(quantities("完成江门下达登记任务数130个")[0].subject, "记任务数");
        assert_eq!(quantities("每人每年330元")[0].per.as_deref(), Some("人"));
        assert_eq!(quantities("投入约2.5万元")[0].fen, Some(2_500_000));
        assert!(quantities("争取新楼建设9月份动工，2015年完成").is_empty());
    }
}
