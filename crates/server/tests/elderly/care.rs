//! 居家养老服务: a provider's month end to end. The district registers two providers and the
//! catalogue, the towns enrol elders and dispatch orders, the provider's account starts, ends,
//! photographs and records confirmations (one order left unconfirmed), the town visits, the
//! district settles the month (totals worked out by hand below), once. A provider sees only its own
//! orders; bad input is refused with nothing changed.
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/elderly/care/providers"),
    ("post", "/api/v1/elderly/care/providers"),
    ("get", "/api/v1/elderly/care/providers/{}"),
    ("put", "/api/v1/elderly/care/providers/{}"),
    ("get", "/api/v1/elderly/care/items"),
    ("post", "/api/v1/elderly/care/items"),
    ("put", "/api/v1/elderly/care/items/{}"),
    ("get", "/api/v1/elderly/care/eligibility/{}"),
    ("get", "/api/v1/elderly/care/enrolments"),
    ("post", "/api/v1/elderly/care/enrolments"),
    ("post", "/api/v1/elderly/care/enrolments/{}/end"),
    ("get", "/api/v1/elderly/care/orders"),
    ("post", "/api/v1/elderly/care/orders"),
    ("get", "/api/v1/elderly/care/orders/{}"),
    ("post", "/api/v1/elderly/care/orders/{}/start"),
    ("post", "/api/v1/elderly/care/orders/{}/end"),
    ("post", "/api/v1/elderly/care/orders/{}/confirm"),
    ("post", "/api/v1/elderly/care/orders/{}/cancel"),
    ("post", "/api/v1/elderly/care/orders/{}/photos"),
    ("get", "/api/v1/elderly/care/orders/{}/photos/{}"),
    ("post", "/api/v1/elderly/care/orders/{}/visits"),
    ("get", "/api/v1/elderly/care/visits"),
    ("get", "/api/v1/elderly/care/settlements/preview"),
    ("get", "/api/v1/elderly/care/settlements"),
    ("post", "/api/v1/elderly/care/settlements"),
    ("get", "/api/v1/elderly/care/settlements/{}"),
    ("get", "/api/v1/elderly/care/settlements/{}/export"),
];

/// A unified social credit code with its GB 32100 check character, from 17 characters.
fn credit_code(first17: &str) -> String {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut w = 1u32;
    let mut sum = 0u32;
    for c in first17.chars() {
        sum += CHARS.find(c).expect("code character") as u32 * w;
        w = w * 3 % 31;
    }
    let check = (31 - sum % 31) % 31;
    format!("{first17}{}", CHARS.chars().nth(check as usize).expect("check"))
}

fn created(answer: (StatusCode, Value)) -> Value {
    assert_eq!(answer.0, StatusCode::CREATED, "{}", answer.1);
    answer.1
}

fn ok(answer: (StatusCode, Value)) -> Value {
    assert_eq!(answer.0, StatusCode::OK, "{}", answer.1);
    answer.1
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("id in {v}"))
}

/// Registers a one- or two-person household; returns the person ids in order.
async fn household(c: &Client, village: &str, address: &str, people: &[(&str, &str, u16, &str, Option<&str>)]) -> Vec<i64> {
    let members: Vec<Value> = people
        .iter()
        .map(|(name, birth, seq, relation, priority)| {
            let mut person = json!({"id_number": id_number("440705", birth, *seq), "name": name, "region_code": village, "hukou_region_code": village});
            if let Some(p) = priority {
                person["priority_care"] = json!(p);
            }
            json!({"relation": relation, "person": person})
        })
        .collect();
    let h = created(c.post("/api/v1/households", &json!({"region_code": village, "address": address, "members": members})).await);
    people
        .iter()
        .map(|(_, _, _, relation, _)| h["members"].as_array().expect("members").iter().find(|m| m["relation"] == *relation).expect("member")["person_id"].as_i64().expect("person id"))
        .collect()
}

fn provider_body(name: &str, code17: &str, region: &str) -> Value {
    json!({
        "name": name, "kind": "home_care", "credit_code": credit_code(code17), "region_code": region,
        "contact": "李主任", "phone": "0750-6612345", "qualification": "江门市养老服务机构备案", "qualification_until": "2030-12-31",
        "contract_no": format!("XHMZ-{}", &code17[10..]), "contract_start": "2026-01-01", "contract_end": "2030-12-31"
    })
}

async fn order_of(c: &Client, id: i64) -> Value {
    ok(c.get(&format!("/api/v1/elderly/care/orders/{id}")).await)
}

/// Dispatches an order by `town`; returns it.
async fn dispatch(town: &Client, person: i64, item: i64, units: i64, date: &str) -> Value {
    created(town.post("/api/v1/elderly/care/orders", &json!({"person_id": person, "item_id": item, "units": units, "scheduled_on": date})).await)
}

/// Starts and ends an order as the provider (two and one hours ago); returns the order.
async fn serve(provider: &Client, order: i64) -> Value {
    let now = chrono::Utc::now();
    let o = order_of(provider, order).await;
    let started = ok(provider
        .post(
            &format!("/api/v1/elderly/care/orders/{order}/start"),
            &json!({"at": (now - chrono::Duration::hours(2)).to_rfc3339(), "lat": 22.5200, "lng": 113.0380, "place": "北门村老人家中", "worker": "陈阿姨", "version": o["version"]}),
        )
        .await);
    assert_eq!(started["status"], "started");
    let ended = ok(provider
        .post(
            &format!("/api/v1/elderly/care/orders/{order}/end"),
            &json!({"at": (now - chrono::Duration::hours(1)).to_rfc3339(), "place": "北门村老人家中", "note": "服务完成", "version": started["version"]}),
        )
        .await);
    assert_eq!(ended["status"], "done");
    ended
}

async fn confirm(c: &Client, order: &Value, by: &str, relation: &str) -> Value {
    let id = id(order);
    ok(c.post(&format!("/api/v1/elderly/care/orders/{id}/confirm"), &json!({"confirmed_by": by, "relation": relation, "version": order["version"]})).await)
}

async fn photo(c: &Client, order: i64, name: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let form = reqwest::multipart::Form::new().part("file", part);
    let r = c.http.post(c.url(&format!("/api/v1/elderly/care/orders/{order}/photos"))).header("X-Requested-With", "minzheng").multipart(form).send().await.expect("upload");
    answer(r).await
}

pub async fn providers_month(app: &TestApp) {
    let admin = app.login("admin").await;
    let district = app.login("district").await;
    let huicheng = app.login("huicheng").await;
    let siqian = app.login("siqian").await;
    let finance = app.login("finance").await;
    let today = app.today;
    let date = today.to_string();
    let month = date[..7].to_owned();

    // ---- the register and the catalogue (district)
    let a = created(district.post("/api/v1/elderly/care/providers", &provider_body("会城街道居家养老服务中心", "52440705MJL000001", HUICHENG)).await);
    let b = created(district.post("/api/v1/elderly/care/providers", &provider_body("司前镇颐康居家养老服务社", "52440705MJL000002", SIQIAN)).await);
    assert_eq!(a["in_force"], true, "{a}");
    let (pa, pb) = (id(&a), id(&b));
    // a town officer cannot register providers; a bad credit code is refused
    assert_error(&huicheng.post("/api/v1/elderly/care/providers", &provider_body("某中心", "52440705MJL000003", HUICHENG)).await, StatusCode::FORBIDDEN, "forbidden", None);
    let mut bad = provider_body("某中心", "52440705MJL000003", HUICHENG);
    bad["credit_code"] = json!("52440705MJL0000030");
    assert_error(&district.post("/api/v1/elderly/care/providers", &bad).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("credit_code"));
    assert_error(&district.post("/api/v1/elderly/care/providers", &provider_body("重复", "52440705MJL000001", HUICHENG)).await, StatusCode::CONFLICT, "conflict", Some("credit_code"));

    let item = |code: &str, name: &str, unit: &str, price: i64, minutes: i64| json!({"code": code, "name": name, "unit": unit, "price": price, "minutes": minutes});
    let meal = id(&created(district.post("/api/v1/elderly/care/items", &item("ZC", "助餐", "次", 1500, 30)).await));
    let clean = id(&created(district.post("/api/v1/elderly/care/items", &item("ZJ", "助洁", "小时", 4500, 60)).await));
    let bath = id(&created(district.post("/api/v1/elderly/care/items", &item("ZY", "助浴", "次", 8000, 60)).await));
    assert_error(&district.post("/api/v1/elderly/care/items", &item("ZC", "助餐2", "次", 1500, 30)).await, StatusCode::CONFLICT, "conflict", Some("code"));
    assert_error(&district.post("/api/v1/elderly/care/items", &item("YL", "医疗", "次", -1, 30)).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("price"));

    // ---- provider accounts: bound to a provider, required for the role, refused for others
    let account = |username: &str, role: &str, provider: Option<i64>| {
        json!({"username": username, "display_name": "服务商账号", "password": PASSWORD, "role": role, "region_code": COUNTY, "provider_id": provider})
    };
    assert_error(&admin.post("/api/v1/accounts", &account("prov_x", "provider", None)).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("provider_id"));
    assert_error(&admin.post("/api/v1/accounts", &account("prov_x", "provider", Some(999_999))).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("provider_id"));
    assert_error(&admin.post("/api/v1/accounts", &account("town_x", "town_officer", Some(pa))).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("provider_id"));
    let acc = created(admin.post("/api/v1/accounts", &account("provider_a", "provider", Some(pa))).await);
    assert_eq!(acc["provider_id"], pa);
    created(admin.post("/api/v1/accounts", &account("provider_b", "provider", Some(pb))).await);
    let provider = app.login("provider_a").await;
    let provider_b = app.login("provider_b").await;
    assert_eq!(ok(provider.get("/api/v1/auth/me").await)["provider_id"], pa);

    // ---- elders: a centenarian and a childless veteran in 北门 (会城), a centenarian in 司前
    let old = household(&huicheng, BEIMEN, "北门村一巷1号", &[("林百岁", "19200315", 101, "head", None)]).await[0];
    let vet = household(&huicheng, BEIMEN, "北门村一巷2号", &[("黄老兵", "19400801", 103, "head", Some("veteran"))]).await[0];
    // a veteran whose son lives with him: not childless
    let with_son = household(&huicheng, BEIMEN, "北门村一巷3号", &[("梁老兵", "19450101", 105, "head", Some("veteran")), ("梁儿子", "19750101", 107, "child", None)]).await[0];
    let far = household(&siqian, SIQIAN_VILLAGE, "司前村5号", &[("何百岁", "19230505", 109, "head", None)]).await[0];

    let e = ok(huicheng.get(&format!("/api/v1/elderly/care/eligibility/{vet}")).await);
    assert_eq!((e["eligible"].as_bool(), e["bases"].clone(), e["monthly_allowance"].as_i64()), (Some(true), json!(["childless_veteran"]), Some(30000)), "{e}");
    let e = ok(huicheng.get(&format!("/api/v1/elderly/care/eligibility/{with_son}")).await);
    assert_eq!((e["eligible"].as_bool(), e["facts"]["living_children"].as_i64()), (Some(false), Some(1)), "{e}");

    let enrolments_before = app.count("homecare_enrolments").await;
    let refused = huicheng.post("/api/v1/elderly/care/enrolments", &json!({"person_id": with_son, "provider_id": pa})).await;
    assert_error(&refused, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("person_id"));
    assert!(refused.1["error"]["message"].as_str().expect("message").contains("1名在世子女"), "{}", refused.1);
    assert!(refused.1["error"]["message_en"].as_str().expect("message").contains("not eligible"), "{}", refused.1);
    // a provider that does not serve 北门
    assert_error(&huicheng.post("/api/v1/elderly/care/enrolments", &json!({"person_id": old, "provider_id": pb})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("provider_id"));
    // an elder of another town is not the town's to enrol
    assert_error(&huicheng.post("/api/v1/elderly/care/enrolments", &json!({"person_id": far, "provider_id": pa})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("person_id"));
    assert_eq!(app.count("homecare_enrolments").await, enrolments_before, "nothing enrolled");

    let e1 = created(huicheng.post("/api/v1/elderly/care/enrolments", &json!({"person_id": old, "provider_id": pa})).await);
    assert_eq!((e1["basis"].clone(), e1["monthly_allowance"].as_i64(), e1["start_month"].as_str()), (json!(["centenarian"]), Some(30000), Some(month.as_str())), "{e1}");
    created(huicheng.post("/api/v1/elderly/care/enrolments", &json!({"person_id": vet, "provider_id": pa})).await);
    created(siqian.post("/api/v1/elderly/care/enrolments", &json!({"person_id": far, "provider_id": pb})).await);
    assert_error(&huicheng.post("/api/v1/elderly/care/enrolments", &json!({"person_id": old, "provider_id": pa})).await, StatusCode::CONFLICT, "conflict", Some("person_id"));
    let listed = ok(huicheng.get("/api/v1/elderly/care/enrolments?status=active").await);
    assert_eq!(listed["total"], 2, "the town sees its two: {listed}");

    // ---- orders. 林百岁: 4 h 助洁 (4 × 45 = 180) + 助浴 80 + 4 助餐 (4 × 15 = 60) = 320 yuan;
    // 黄老兵: 2 h 助洁 90 confirmed + 3 助餐 45 done but not confirmed; 何百岁 (司前): 2 助餐 30
    let orders_before = app.count("work_orders").await;
    assert_error(&huicheng.post("/api/v1/elderly/care/orders", &json!({"person_id": old, "item_id": 424242, "units": 1, "scheduled_on": date})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("item_id"));
    assert_error(&huicheng.post("/api/v1/elderly/care/orders", &json!({"person_id": old, "item_id": meal, "units": 0, "scheduled_on": date})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("units"));
    assert_error(&huicheng.post("/api/v1/elderly/care/orders", &json!({"person_id": with_son, "item_id": meal, "units": 1, "scheduled_on": date})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("person_id"));
    assert_eq!(app.count("work_orders").await, orders_before, "nothing dispatched");

    let o1 = dispatch(&huicheng, old, clean, 4, &date).await;
    assert_eq!((o1["amount"].as_i64(), o1["unit_price"].as_i64(), o1["provider_id"].as_i64()), (Some(18000), Some(4500), Some(pa)), "{o1}");
    let o2 = dispatch(&huicheng, old, bath, 1, &date).await;
    let o3 = dispatch(&huicheng, old, meal, 4, &date).await;
    let o4 = dispatch(&huicheng, vet, clean, 2, &date).await;
    let o5 = dispatch(&huicheng, vet, meal, 3, &date).await;
    let o6 = dispatch(&siqian, far, meal, 2, &date).await;
    assert_eq!(o6["amount"], 3000);

    // ---- what each side sees
    let mine = ok(provider.get(&format!("/api/v1/elderly/care/orders?date={date}")).await);
    assert_eq!(mine["total"], 5, "provider A sees its five orders: {mine}");
    assert!(mine["items"].as_array().expect("items").iter().all(|o| o["provider_id"] == pa));
    assert_error(&provider.get(&format!("/api/v1/elderly/care/orders/{}", id(&o6))).await, StatusCode::NOT_FOUND, "not_found", None);
    assert_error(&provider.post(&format!("/api/v1/elderly/care/orders/{}/start", id(&o6)), &json!({"place": "司前", "version": o6["version"]})).await, StatusCode::NOT_FOUND, "not_found", None);
    assert_eq!(ok(provider_b.get("/api/v1/elderly/care/orders").await)["total"], 1);
    assert_error(&provider_b.get(&format!("/api/v1/elderly/care/orders/{}", id(&o1))).await, StatusCode::NOT_FOUND, "not_found", None);
    // officers: each town its own; 司前 filtering by provider A finds nothing
    assert_eq!(ok(siqian.get(&format!("/api/v1/elderly/care/orders?provider_id={pa}")).await)["total"], 0);
    assert_eq!(ok(siqian.get("/api/v1/elderly/care/orders").await)["total"], 1);
    assert_eq!(ok(huicheng.get(&format!("/api/v1/elderly/care/orders?month={month}")).await)["total"], 5);
    assert_error(&siqian.get(&format!("/api/v1/elderly/care/orders/{}", id(&o1))).await, StatusCode::NOT_FOUND, "not_found", None);
    // names: in full for the provider's worker (it goes to the door), masked for officers unless unmasked (audited)
    assert!(mine["items"].as_array().expect("items").iter().any(|o| o["name"] == "林百岁"), "{mine}");
    let town_list = ok(huicheng.get(&format!("/api/v1/elderly/care/orders?month={month}")).await);
    assert!(town_list["items"].as_array().expect("items").iter().all(|o| o["name"].as_str().is_some_and(|n| n.contains('*'))), "{town_list}");
    let unmasks = app.count("audit_log").await;
    assert_eq!(ok(district.get(&format!("/api/v1/elderly/care/orders/{}?unmask=true", id(&o1))).await)["name"], "林百岁");
    assert_eq!(app.count("audit_log").await, unmasks + 1, "unmasking is audited");
    // a provider's account reads no register and dispatches nothing
    assert_error(&provider.get("/api/v1/elderly/care/enrolments").await, StatusCode::FORBIDDEN, "forbidden", None);
    assert_error(&provider.post("/api/v1/elderly/care/orders", &json!({"person_id": old, "item_id": meal})).await, StatusCode::FORBIDDEN, "forbidden", None);

    // ---- the provider serves: bad input first, nothing changed
    let now = chrono::Utc::now();
    assert_error(&provider.post(&format!("/api/v1/elderly/care/orders/{}/start", id(&o1)), &json!({"version": o1["version"]})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("place"));
    assert_error(
        &provider.post(&format!("/api/v1/elderly/care/orders/{}/start", id(&o1)), &json!({"place": "家中", "at": (now + chrono::Duration::hours(3)).to_rfc3339(), "version": o1["version"]})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
        Some("at"),
    );
    let started = ok(provider.post(&format!("/api/v1/elderly/care/orders/{}/start", id(&o1)), &json!({"place": "北门村一巷1号", "lat": 22.52, "lng": 113.04, "at": (now - chrono::Duration::hours(3)).to_rfc3339(), "version": o1["version"]})).await);
    assert_eq!((started["status"].as_str(), started["start_lat"].as_f64(), started["worker"].as_str()), (Some("started"), Some(22.52), Some("服务商账号")), "{started}");
    // stale version
    assert_error(&provider.post(&format!("/api/v1/elderly/care/orders/{}/start", id(&o1)), &json!({"place": "家中", "version": o1["version"]})).await, StatusCode::CONFLICT, "conflict", Some("version"));
    // the end before the start
    assert_error(
        &provider.post(&format!("/api/v1/elderly/care/orders/{}/end", id(&o1)), &json!({"place": "家中", "at": (now - chrono::Duration::hours(4)).to_rfc3339(), "version": started["version"]})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
        Some("at"),
    );
    assert_eq!(order_of(&provider, id(&o1)).await["status"], "started", "still started");
    // a photo: PNG by its bytes; a text file named .jpg is refused
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    let p = created(photo(&provider, id(&o1), "服务照片.png", png.clone()).await);
    assert_eq!((p["content_type"].as_str(), p["size"].as_i64()), (Some("image/png"), Some(png.len() as i64)), "{p}");
    assert_error(&photo(&provider, id(&o1), "fake.jpg", b"not a picture".to_vec()).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("file"));
    let (status, bytes) = huicheng.get_bytes(&format!("/api/v1/elderly/care/orders/{}/photos/{}", id(&o1), id(&p))).await;
    assert_eq!((status, bytes), (StatusCode::OK, png));
    let ended = ok(provider.post(&format!("/api/v1/elderly/care/orders/{}/end", id(&o1)), &json!({"place": "北门村一巷1号", "at": (now - chrono::Duration::hours(1)).to_rfc3339(), "version": started["version"]})).await);
    assert_eq!(ended["status"], "done");
    assert_eq!(ended["photo_count"], 1);
    assert_eq!(ended["photos"].as_array().map(Vec::len), Some(1));
    // confirmation needs the confirmer's name and relation
    assert_error(&provider.post(&format!("/api/v1/elderly/care/orders/{}/confirm", id(&o1)), &json!({"confirmed_by": "林百岁", "version": ended["version"]})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("relation"));
    let c1 = confirm(&provider, &ended, "林百岁", "本人").await;
    assert_eq!((c1["status"].as_str(), c1["confirmed_by"].as_str(), c1["confirm_recorded_by"].as_str()), (Some("confirmed"), Some("林百岁"), Some("provider_a")), "{c1}");

    for o in [&o2, &o3] {
        let done = serve(&provider, id(o)).await;
        confirm(&provider, &done, "林小红", "孙女").await;
    }
    let done4 = serve(&provider, id(&o4)).await;
    // the town officer records 黄老兵's own confirmation
    confirm(&huicheng, &done4, "黄老兵", "本人").await;
    // 黄老兵's meals: done, never confirmed
    serve(&provider, id(&o5)).await;
    assert_eq!(ok(provider.get("/api/v1/elderly/care/orders?status=confirmed").await)["total"], 4);

    // ---- return visit by the town
    assert_error(&huicheng.post(&format!("/api/v1/elderly/care/orders/{}/visits", id(&o1)), &json!({"satisfaction": 7})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("satisfaction"));
    assert_error(&huicheng.post(&format!("/api/v1/elderly/care/orders/{}/visits", id(&o6)), &json!({"satisfaction": 5})).await, StatusCode::NOT_FOUND, "not_found", None);
    let v = created(huicheng.post(&format!("/api/v1/elderly/care/orders/{}/visits", id(&o1)), &json!({"satisfaction": 5, "note": "老人很满意，家里打扫干净", "visitor": "会城民政办小王"})).await);
    assert_eq!((v["satisfaction"].as_i64(), v["name"].as_str()), (Some(5), Some("林*岁")), "names are masked for officers: {v}");
    assert_eq!(ok(huicheng.get(&format!("/api/v1/elderly/care/visits?month={month}")).await)["total"], 1);
    assert_eq!(ok(siqian.get("/api/v1/elderly/care/visits").await)["total"], 0);
    assert_eq!(order_of(&huicheng, id(&o1)).await["visits"].as_array().map(Vec::len), Some(1));

    // ---- settlement of provider A's month. 林百岁: 180 + 80 + 60 = 320 confirmed, 300 paid, 20 excess;
    // 黄老兵: 90 confirmed and paid, 45 not confirmed. Totals: 410 confirmed, 390 paid, 20 excess.
    let preview = ok(district.get(&format!("/api/v1/elderly/care/settlements/preview?provider_id={pa}&month={month}")).await);
    let totals = |s: &Value| {
        (
            s["elders"].as_i64(),
            s["confirmed_orders"].as_i64(),
            s["confirmed_amount"].as_i64(),
            s["payable"].as_i64(),
            s["excess"].as_i64(),
            s["unconfirmed_orders"].as_i64(),
            s["unconfirmed_amount"].as_i64(),
        )
    };
    assert_eq!(totals(&preview), (Some(2), Some(4), Some(41000), Some(39000), Some(2000), Some(1), Some(4500)), "{preview}");
    assert_eq!(preview["settled_id"], Value::Null);
    let line_of = |s: &Value, person: i64| s["lines"].as_array().expect("lines").iter().find(|l| l["person_id"] == person).cloned().expect("line");
    let l1 = line_of(&preview, old);
    assert_eq!((l1["confirmed_amount"].as_i64(), l1["allowance"].as_i64(), l1["payable"].as_i64(), l1["excess"].as_i64()), (Some(32000), Some(30000), Some(30000), Some(2000)), "{l1}");
    assert!(l1["explanation_zh"].as_str().expect("explanation").contains("超出补贴20.00元不由政府支付"), "{l1}");
    assert_eq!(l1["params"][0]["key"], "homecare.monthly_allowance");
    let l2 = line_of(&preview, vet);
    assert_eq!((l2["payable"].as_i64(), l2["unconfirmed_orders"].as_i64(), l2["unconfirmed_amount"].as_i64()), (Some(9000), Some(1), Some(4500)), "{l2}");
    // a town officer cannot settle; a bad month is refused
    assert_error(&huicheng.post("/api/v1/elderly/care/settlements", &json!({"provider_id": pa, "month": month})).await, StatusCode::FORBIDDEN, "forbidden", None);
    assert_error(&district.post("/api/v1/elderly/care/settlements", &json!({"provider_id": pa, "month": "2026-13"})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("month"));
    let settled = created(district.post("/api/v1/elderly/care/settlements", &json!({"provider_id": pa, "month": month})).await);
    assert_eq!(totals(&settled), totals(&preview), "{settled}");
    assert_eq!(settled["lines"].as_array().map(Vec::len), Some(2));
    assert_error(&district.post("/api/v1/elderly/care/settlements", &json!({"provider_id": pa, "month": month})).await, StatusCode::CONFLICT, "conflict", Some("month"));
    assert_eq!(app.count("homecare_settlements").await, 1);
    let list = ok(finance.get(&format!("/api/v1/elderly/care/settlements?month={month}")).await);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    let detail = ok(finance.get(&format!("/api/v1/elderly/care/settlements/{}", id(&settled))).await);
    assert_eq!(detail["payable"], 39000);
    let (status, content_type, bytes) = finance.download(&format!("/api/v1/elderly/care/settlements/{}/export", id(&settled))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.contains("spreadsheetml"), "{content_type}");
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    assert_eq!(ok(district.get(&format!("/api/v1/elderly/care/settlements/preview?provider_id={pa}&month={month}")).await)["settled_id"], id(&settled));

    // writes are audited
    let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'homecare.%' AND action <> 'homecare.provider_read'").fetch_one(app.store.pool()).await.expect("audit");
    // and so are the provider's reads of its orders, which show names and addresses (issue 14)
    let provider_reads: Vec<(String, String)> = sqlx::query_as("SELECT a.actor, ac.role FROM audit_log a JOIN accounts ac ON ac.username = a.actor WHERE a.action = 'homecare.provider_read'").fetch_all(app.store.pool()).await.expect("audit");
    assert!(!provider_reads.is_empty() && provider_reads.iter().all(|(_, role)| role == "provider"), "{provider_reads:?}");
    // 2 providers, 3 items, 3 enrolments, 6 orders, 5 × start/end, 4 confirmations, 1 photo, 1 visit, 1 settlement, 1 unmask
    assert_eq!(audited, 2 + 3 + 3 + 6 + 10 + 4 + 1 + 1 + 1 + 1);
}

both!(providers_month => elderly_care_month_sqlite, elderly_care_month_postgres);
