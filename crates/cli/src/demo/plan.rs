//! 大民政工作计划 demo data: seed 000's table (the project's conversion of it,
//! data/plan/xinhui-2014-2015.csv) imported as the district's plan, as an officer would upload it;
//! the demo accounts `weiji` and `caizheng` acting for 区卫计局 and 区财政局; a few quarterly reports
//! (one task reported done and confirmed); and the five-year indicators seeds 001 and 004 set
//! (每千名老年人床位 40, 集中供养率 50%, 低保标准达人均消费支出40%, 每个镇街一个日间照料中心,
//! 民主参选率 96.5%, 社会组织评估上等级20家), computed live where the platform holds the data.
use anyhow::{Result, anyhow};
use minzheng_core::plan::table;
use minzheng_core::registry::region::RegionCode;
use minzheng_app::tabular::read_table;
use minzheng_store::Store;
use minzheng_store::plan::progress::NewIndicator;

const SEED: &[u8] = include_bytes!("../../../../data/plan/xinhui-2014-2015.csv");
const NAME: &str = "新会区2014-2015年“大民政”工作计划";

pub async fn seed(store: &Store, county: &RegionCode) -> Result<()> {
    if !store.plan_plans().await?.is_empty() {
        return Ok(());
    }
    let rows = read_table("xinhui-2014-2015.csv", SEED).map_err(|e| anyhow!("the plan fixture: {e}"))?;
    let plan = table::parse(&rows).map_err(|e| anyhow!("the plan fixture: {e:?}"))?;
    let towns: Vec<(String, String)> = store.region_children(county).await?.into_iter().map(|r| (r.code, r.name)).collect();
    let mut tx = store.begin().await?;
    let id = store.plan_import(&mut tx, NAME, "xinhui-2014-2015.csv", &plan, &towns, "district").await?;
    // committed before it is read back (the reads below use the pool)
    tx.commit().await?;
    let mut tx = store.begin().await?;
    let units: Vec<(i64, String)> = store.plan_units().await?.into_iter().map(|u| (u.id, u.name)).collect();
    let unit = |n: &str| units.iter().find(|u| u.1 == n).map(|u| u.0);
    for (name, user) in [("区卫计局", "weiji"), ("区财政局", "caizheng")] {
        if let Some(u) = unit(name) {
            store.plan_set_members(&mut tx, u, &[user.to_owned()]).await?;
        }
    }
    // the first task's first line: 区卫计局 reports it done at the end of 2015 and confirms (it leads);
    // 区财政局 reported its part; another line is half way and waits for its lead
    let lines = store.plan_lines(id).await?;
    if let (Some(first), Some(wj), Some(cz)) = (lines.first(), unit("区卫计局"), unit("区财政局")) {
        let r = store.plan_submit_report(&mut tx, first.id, cz, "2015-Q4", 100, "区财政局已拨付区养老中心建设资金，新楼主体完工。", "caizheng").await?;
        store.plan_review_report(&mut tx, r, "confirmed", "", "weiji").await?;
        let r = store.plan_submit_report(&mut tx, first.id, wj, "2015-Q4", 100, "区养老中心和老年病防治中心建成，旧楼改造设立床位250张。", "weiji").await?;
        store.plan_review_report(&mut tx, r, "confirmed", "", "weiji").await?;
    }
    if let (Some(second), Some(wj)) = (lines.get(1), unit("区卫计局")) {
        store.plan_submit_report(&mut tx, second.id, wj, "2014-Q4", 60, "第三人民医院老年病区已设床位60张，余下40张随新楼启用。", "weiji").await?;
    }
    let indicators = [
        ("beds_per_1000", "每千名老年人养老床位", "张/千人", 4_000, "live"),
        ("concentrated_rate", "特困人员集中供养率", "%", 5_000, "live"),
        ("dibao_standard_share", "低保标准占上年人均消费支出比例", "%", 4_000, "live"),
        ("day_care_towns", "建有日间照料中心的镇（街）比例", "%", 10_000, "live"),
        ("election_turnout", "基层民主参选率", "%", 9_650, "manual"),
        ("orgs_graded", "社会组织评估上等级", "家", 2_000, "manual"),
    ];
    for (code, name, unit, target, source) in indicators {
        store.plan_insert_indicator(&mut tx, id, &NewIndicator { code: code.into(), name: name.into(), unit: unit.into(), year: 2020, target_hundredths: target, source: source.into() }, "district").await?;
    }
    tx.commit().await?;
    if let Some(i) = store.plan_indicators(id).await?.into_iter().find(|i| i.code == "election_turnout") {
        let mut tx = store.begin().await?;
        store.plan_set_indicator_value(&mut tx, i.id, i.version, 9_500, "2014年村（社区）“两委”换届选举统计：参选率95%以上（十三五规划）", "district").await?;
        tx.commit().await?;
    }
    println!("work plan: {} ({} systems, {} tasks, {} lines)", NAME, plan.systems().len(), plan.tasks().len(), plan.lines.len());
    Ok(())
}
