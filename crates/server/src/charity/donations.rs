//! 捐赠 donations: recording money and goods with their designation, the receipt (收据) with its
//! code, the list, and the pools the money sits in.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use minzheng_core::access::Permission;
use minzheng_core::charity::designation::{Category, Designation};
use minzheng_core::charity::kinds::{Channel, DesignationKind, DonorKind, Form, ProjectStatus};
use minzheng_core::charity::receipt;
use chrono::{DateTime, NaiveDate, Utc};
use minzheng_core::registry::region::{RegionCode, RegionLevel};
use minzheng_store::charity::donations::{DonationFilter, DonationRecord, NewDonation, masked_phone};
use minzheng_store::charity::supermarket::NewLot;
use minzheng_store::page::Paging;
use minzheng_store::{StoreError, today};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, OpenApi};

use super::portal::{TraceView, trace_view};
use super::{DesignationView, Names, amount_param, day_param};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::Idem;
use crate::extract::{ApiJson, ApiQuery, Ctx};
use crate::registry::views::PageOf;

#[derive(OpenApi)]
#[openapi(paths(create, list, detail, pools))]
struct Doc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/charity/donations", get(list).post(create)).route("/charity/donations/{id}", get(detail)).route("/charity/pools", get(pools))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct DonationView {
    pub id: i64,
    pub receipt_code: String,
    pub donor_kind: DonorKind,
    pub donor_kind_zh: &'static str,
    /// in full for the charity's clerks; as published (masked, 爱心人士) for other readers
    pub donor_name: String,
    /// as the portal shows the donor
    pub public_donor: String,
    pub donor_phone: String,
    pub anonymous: bool,
    pub form: Form,
    pub amount_fen: i64,
    /// the goods lines as recorded
    #[schema(value_type = Vec<GoodsRecord>)]
    pub goods: serde_json::Value,
    pub designation: DesignationView,
    pub fund_id: Option<i64>,
    pub fund_name: Option<String>,
    pub campaign_id: Option<i64>,
    pub campaign_name: Option<String>,
    pub channel: Channel,
    pub channel_zh: &'static str,
    pub received_on: NaiveDate,
    pub note: String,
    pub ledger_seq: i64,
    pub ledger_hash: Option<String>,
    pub created_by: String,
    #[serde(serialize_with = "minzheng_core::date::stamp::serialize")]
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<TraceView>,
}

pub fn donation_view(d: DonationRecord, names: &Names, clerk: bool, ledger_hash: Option<String>) -> DonationView {
    DonationView {
        id: d.id,
        receipt_code: d.receipt_code.clone(),
        donor_kind_zh: d.donor_kind.zh(),
        donor_name: if clerk { d.donor_name.clone() } else { d.public_donor() },
        public_donor: d.public_donor(),
        donor_phone: masked_phone(&d.donor_phone),
        anonymous: d.anonymous,
        form: d.form,
        amount_fen: d.amount_fen,
        goods: d.goods.clone(),
        designation: names.designation(d.designation_kind, &d.designation_value),
        fund_id: d.fund_id,
        fund_name: d.fund_id.and_then(|f| names.funds_by_id.get(&f).cloned()),
        campaign_id: d.campaign_id,
        campaign_name: d.campaign_id.and_then(|c| names.campaigns.get(&c).cloned()),
        channel_zh: d.channel.zh(),
        channel: d.channel,
        received_on: d.received_on,
        note: d.note,
        ledger_seq: d.ledger_seq,
        ledger_hash,
        created_by: d.created_by,
        created_at: d.created_at,
        donor_kind: d.donor_kind,
        trace: None,
    }
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default, Clone)]
pub struct DesignationBody {
    /// absent: undesignated
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub kind: Option<DesignationKind>,
    /// a fund's code
    pub fund: Option<String>,
    pub project: Option<i64>,
    /// a town (or the district) code
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub region: Option<RegionCode>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    #[schema(inline)]
    pub category: Option<Category>,
}

/// A goods line as the donation records it (its `goods`).
#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct GoodsRecord {
    pub item_id: i64,
    pub item_name: String,
    pub unit: String,
    pub quantity: i64,
    /// the appraised value of one unit, in fen
    pub unit_value_fen: i64,
    pub expires_on: Option<NaiveDate>,
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default, Clone)]
pub struct GoodsLine {
    /// an item of the charity supermarket's catalogue
    pub item_id: Option<i64>,
    pub quantity: Option<i64>,
    /// the appraised value of one unit, in fen
    pub unit_value_fen: Option<i64>,
    /// YYYY-MM-DD for perishables
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub expires_on: Option<NaiveDate>,
}

#[derive(utoipa::ToSchema)]
#[derive(Deserialize, Default)]
pub struct DonationBody {
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub donor_kind: Option<DonorKind>,
    pub donor_name: Option<String>,
    pub donor_phone: Option<String>,
    /// the donor asks not to be named in public
    #[serde(default)]
    pub anonymous: bool,
    /// absent: money
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub form: Option<Form>,
    /// money: the amount in fen
    pub amount_fen: Option<i64>,
    /// goods: the lines given
    #[serde(default)]
    pub goods: Vec<GoodsLine>,
    #[serde(default)]
    pub designation: Option<DesignationBody>,
    pub campaign_id: Option<i64>,
    /// absent: goods for goods, else bank_transfer
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub channel: Option<Channel>,
    /// YYYY-MM-DD, default today; not in the future
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub received_on: Option<NaiveDate>,
    pub note: Option<String>,
}

/// The designation as stored, and the fund it counts to; each part checked.
async fn designation(state: &AppState, b: Option<&DesignationBody>) -> ApiResult<(Designation, Option<i64>)> {
    let b = b.cloned().unwrap_or_default();
    match b.kind.unwrap_or(DesignationKind::Undesignated) {
        DesignationKind::Undesignated => Ok((Designation::Undesignated, None)),
        DesignationKind::Fund => {
            let code = b.fund.as_deref().map(str::trim).unwrap_or("").to_ascii_uppercase();
            let fund = state.store.charity_fund_by_code(&code).await?.ok_or_else(|| ApiError::invalid("designation.fund", "请选择定向的基金", "designation.fund must be a fund's code"))?;
            Ok((Designation::Fund { fund: fund.code }, Some(fund.id)))
        }
        DesignationKind::Project => {
            let id = b.project.ok_or_else(|| ApiError::invalid("designation.project", "请选择定向的项目", "designation.project is required"))?;
            let p = state.store.charity_project(id).await.map_err(|_| ApiError::invalid("designation.project", "项目不存在", "no such project"))?;
            if p.status != ProjectStatus::Open {
                return Err(ApiError::invalid("designation.project", format!("项目“{}”已结束，不再接受定向捐赠", p.name), "the project is closed"));
            }
            Ok((Designation::Project { project: p.id }, Some(p.fund_id)))
        }
        DesignationKind::Region => {
            let region = b.region.clone().ok_or_else(|| ApiError::invalid("designation.region", "请选择定向的地区", "designation.region is required"))?;
            if !matches!(region.level(), RegionLevel::County | RegionLevel::Town) {
                return Err(ApiError::invalid("designation.region", "定向地区须为区或镇（街道）", "designation.region must be the district or a town"));
            }
            state.store.known_region(&region, "designation.region").await?;
            Ok((Designation::Region { region }, None))
        }
        DesignationKind::Category => {
            let c = b.category.ok_or_else(|| ApiError::invalid("designation.category", "请选择定向的受助对象类别", "designation.category is not a known category"))?;
            Ok((Designation::Category { category: c }, None))
        }
    }
}

/// 登记捐赠 record a donation (money into its designation's pool; goods into the charity
/// supermarket) with its ledger entry and receipt code.
#[utoipa::path(post, path = "/api/v1/charity/donations", tag = "charity", request_body = DonationBody, params(crate::idempotency::IdempotencyKeyHeader), responses((status = 201, body = DonationView, description = "the donation with its receipt code"), (status = 422)))]
pub async fn create(State(state): State<AppState>, ctx: Ctx, idem: Idem, ApiJson(b): ApiJson<DonationBody>) -> ApiResult<Response> {
    ctx.require(Permission::CharityRecord)?;
    if let Some(r) = idem.replay(&state, &ctx, ENTITY).await? {
        return answer(&state, r.id, r.status).await;
    }
    let today = today();
    let donor_kind = b.donor_kind.ok_or_else(|| ApiError::invalid("donor_kind", "捐赠方须为个人或单位", "donor_kind must be person or company"))?;
    let donor_name = b.donor_name.as_deref().map(str::trim).unwrap_or("").to_owned();
    if donor_name.is_empty() && !b.anonymous {
        return Err(ApiError::invalid("donor_name", "请填写捐赠人姓名或单位名称（不愿公开的可选匿名）", "donor_name is required unless anonymous"));
    }
    if donor_name.chars().count() > 80 {
        return Err(ApiError::invalid("donor_name", "捐赠人名称不能超过80个字", "donor_name is longer than 80 characters"));
    }
    let donor_phone = b.donor_phone.as_deref().map(str::trim).unwrap_or("").to_owned();
    if !donor_phone.is_empty() && !(7..=20).contains(&donor_phone.len()) || donor_phone.chars().any(|c| !c.is_ascii_digit() && c != '-') {
        return Err(ApiError::invalid("donor_phone", "联系电话格式不正确", "donor_phone must be 7 to 20 digits"));
    }
    let received_on = day_param("received_on", b.received_on, today)?.unwrap_or(today);
    let note = b.note.as_deref().map(str::trim).unwrap_or("").to_owned();
    if note.chars().count() > 500 {
        return Err(ApiError::invalid("note", "备注不能超过500个字", "note is longer than 500 characters"));
    }
    let (designation, fund_id) = designation(&state, b.designation.as_ref()).await?;
    let form = b.form.unwrap_or(Form::Money);
    let (amount_fen, goods, lots) = match form {
        Form::Money => (amount_param("amount_fen", b.amount_fen)?, json!([]), vec![]),
        Form::Goods => {
            if designation != Designation::Undesignated {
                return Err(ApiError::invalid("designation.kind", "物资捐赠统一进入慈善超市、按救助对象发放，不能定向", "goods go to the charity supermarket for eligible households; they cannot be designated"));
            }
            if b.goods.is_empty() {
                return Err(ApiError::invalid("goods", "请填写捐赠的物资", "goods are required"));
            }
            let items = state.store.supermarket_item_map().await?;
            let mut total: i64 = 0;
            let mut lines = Vec::new();
            let mut lots = Vec::new();
            for (i, g) in b.goods.iter().enumerate() {
                let f = |name: &str| format!("goods[{i}].{name}");
                let item = g.item_id.and_then(|id| items.get(&id)).filter(|it| it.active).ok_or_else(|| ApiError::invalid(&f("item_id"), "请选择慈善超市目录中的物品", "item_id must be an item of the supermarket's catalogue"))?;
                let quantity = g.quantity.filter(|q| (1..=1_000_000).contains(q)).ok_or_else(|| ApiError::invalid(&f("quantity"), "数量须为1至1000000", "quantity must be 1 to 1,000,000"))?;
                let unit_value = minzheng_core::charity::supermarket::UNIT_VALUE.check(&f("unit_value_fen"), "单价（估值）", g.unit_value_fen)?.0;
                let expires_on = match g.expires_on {
                    None => None,
                    Some(d) => {
                        if d <= today {
                            return Err(ApiError::invalid(&f("expires_on"), "物资已过期，不能入库", "the goods have expired"));
                        }
                        Some(d)
                    }
                };
                total += quantity * unit_value;
                lines.push(GoodsRecord { item_id: item.id, item_name: item.name.clone(), unit: item.unit.clone(), quantity, unit_value_fen: unit_value, expires_on: g.expires_on });
                lots.push(NewLot {
                    item_id: item.id,
                    quantity,
                    unit_value_fen: unit_value,
                    expires_on,
                    source: minzheng_core::charity::supermarket::Source::Donation,
                    donation_id: None,
                    supplier: String::new(),
                    received_on,
                    created_by: ctx.actor().to_owned(),
                });
            }
            (total, serde_json::to_value(lines).map_err(|e| ApiError::Internal(e.to_string()))?, lots)
        }
    };
    let channel = b.channel.unwrap_or(if form == Form::Goods { Channel::Goods } else { Channel::BankTransfer });
    if let Some(c) = b.campaign_id {
        let c = state.store.charity_campaign(c).await.map_err(|_| ApiError::invalid("campaign_id", "募捐活动不存在", "no such campaign"))?;
        if received_on < c.starts_on || received_on > c.ends_on {
            return Err(ApiError::invalid("campaign_id", format!("接收日期不在活动“{}”期间（{}至{}）", c.name, c.starts_on, c.ends_on), "the donation was received outside the campaign's dates"));
        }
    }
    let (kind, value) = designation.parts();
    let code = receipt::new_code(received_on, &mut rand::rng());
    let new = NewDonation {
        receipt_code: code,
        donor_kind,
        donor_name,
        donor_phone,
        anonymous: b.anonymous,
        form,
        amount_fen,
        goods,
        designation_kind: kind,
        designation_value: value,
        fund_id,
        campaign_id: b.campaign_id,
        channel,
        received_on,
        note,
        created_by: ctx.actor().to_owned(),
    };
    let mut tx = state.store.begin().await?;
    if !idem.claim(&state, &mut tx, &ctx).await? {
        drop(tx);
        let r = idem.replay_after_claim(&state, &ctx, ENTITY).await?;
        return answer(&state, r.id, r.status).await;
    }
    state.store.charity_lock(&mut tx).await?;
    let (d, _) = state.store.charity_insert_donation(&mut tx, &new, today).await?;
    for mut lot in lots {
        lot.donation_id = Some(d.id);
        state.store.supermarket_stock_in(&mut tx, &lot).await.map_err(|e| match e {
            StoreError::NotFound => ApiError::invalid("goods", "物品不存在", "no such item"),
            e => e.into(),
        })?;
    }
    state.store.audit(&mut tx, &ctx.entry("charity.donation.create", "charity_donation", d.id, ctx.region().as_str(), format!("{} {} {} fen", d.receipt_code, d.form, d.amount_fen))).await?;
    idem.record(&state, &mut tx, &ctx, ENTITY, d.id, StatusCode::CREATED).await?;
    tx.commit().await?;
    answer(&state, d.id, StatusCode::CREATED).await
}

const ENTITY: &str = "charity_donation";

/// The clerk's view of a donation with its ledger entry's hash: the answer of a create and of
/// its replay (the same key again).
async fn answer(state: &AppState, id: i64, status: StatusCode) -> ApiResult<Response> {
    let d = state.store.charity_donation(id).await?;
    let hash = state.store.charity_ledger_entry(d.ledger_seq).await?.hash;
    let names = Names::load(&state.store, vec![d.designation_value.clone()]).await?;
    Ok((status, Json(donation_view(d, &names, true, Some(hash)))).into_response())
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct DonationQuery {
    /// the donor's name (part) or a receipt code
    pub q: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub form: Option<Form>,
    #[serde(default, deserialize_with = "crate::extract::blank_as_none")]
    pub designation_kind: Option<DesignationKind>,
    pub fund_id: Option<i64>,
    pub campaign_id: Option<i64>,
    /// received on or after (YYYY-MM-DD)
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub from: Option<NaiveDate>,
    /// received on or before (YYYY-MM-DD)
    #[serde(default, deserialize_with = "minzheng_core::date::de::opt_day")]
    pub to: Option<NaiveDate>,
    pub page: Option<i64>,
    pub page_size: Option<i64>,
}

/// 捐赠台账 donations, newest first.
#[utoipa::path(get, path = "/api/v1/charity/donations", tag = "charity", params(DonationQuery), responses((status = 200, body = PageOf<DonationView>, description = "a page of donations")))]
pub async fn list(State(state): State<AppState>, ctx: Ctx, ApiQuery(q): ApiQuery<DonationQuery>) -> ApiResult<Json<PageOf<DonationView>>> {
    ctx.require(Permission::CharityRead)?;
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let f = DonationFilter { q: nonempty(q.q), form: q.form, designation_kind: q.designation_kind, fund_id: q.fund_id, campaign_id: q.campaign_id, from: q.from, to: q.to };
    let page = state.store.charity_donations(&f, Paging::new(q.page, q.page_size)).await?;
    let names = Names::load(&state.store, page.items.iter().map(|d| d.designation_value.clone()).collect()).await?;
    let clerk = ctx.role().can(Permission::CharityRecord);
    let items = page.map(|d| donation_view(d, &names, clerk, None));
    Ok(Json(PageOf::from(items)))
}

/// 捐赠详情 one donation with its receipt data and the trace of where it went.
#[utoipa::path(get, path = "/api/v1/charity/donations/{id}", tag = "charity", params(("id" = i64, Path)), responses((status = 200, body = DonationView, description = "the donation"), (status = 404)))]
pub async fn detail(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> ApiResult<Json<DonationView>> {
    ctx.require(Permission::CharityRead)?;
    let d = state.store.charity_donation(id).await?;
    let entry = state.store.charity_ledger_entry(d.ledger_seq).await.ok();
    let trace = trace_view(&state.store, &d).await?;
    let names = Names::load(&state.store, vec![d.designation_value.clone()]).await?;
    let mut v = donation_view(d, &names, ctx.role().can(Permission::CharityRecord), entry.map(|e| e.hash));
    v.trace = Some(trace);
    Ok(Json(v))
}

#[derive(utoipa::ToSchema)]
#[derive(Serialize)]
pub struct PoolView {
    pub id: i64,
    pub designation: DesignationView,
    pub balance_fen: i64,
    pub income_fen: i64,
    pub spent_fen: i64,
}

/// 资金池 the money held per designation.
#[utoipa::path(get, path = "/api/v1/charity/pools", tag = "charity", responses((status = 200, body = Vec<PoolView>, description = "the pools")))]
pub async fn pools(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<PoolView>>> {
    ctx.require(Permission::CharityRead)?;
    let pools = state.store.charity_pools().await?;
    let names = Names::load(&state.store, pools.iter().filter(|p| p.designation_kind == DesignationKind::Region).map(|p| p.designation_value.clone()).collect()).await?;
    Ok(Json(
        pools
            .into_iter()
            .map(|p| PoolView { id: p.id, designation: names.designation(p.designation_kind, &p.designation_value), balance_fen: p.balance_fen, income_fen: p.income_fen, spent_fen: p.spent_fen })
            .collect(),
    ))
}
