//! 登录限速 login throttling instead of a lock. A lock after five failures let anyone lock any
//! officer out, and answered 423 only for names that exist. Instead each failed password slows
//! the next attempt, per typed user name (whether or not it exists, so the answers are the same
//! for every name) and per client address: after `free` failures each further attempt must wait
//! 2, 4, 8 … seconds since the last failure, capped. Per name: 5 free, at most 5 minutes, so the
//! officer is never kept out for long. Per address: 100 free (an office behind one NAT address
//! mistypes too), at most 15 minutes, so one address cannot try many names fast.
//! An attempt that must still wait is answered 429 with `Retry-After`, without checking the
//! password. Counts live in the server's memory (a restart forgets them; an attacker cannot
//! restart the server) and are forgotten a quarter of an hour after their cap has passed.
//!
//! The hard lock is the administrator's: an account set inactive (`active: false`) cannot log in
//! until an administrator sets it active again. Issue 17's second factor comes in at
//! `LoginThrottle::succeeded`: a successful second factor is what should clear the name's count
//! (today a correct password does).
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Free failures and the longest delay, for one kind of key.
#[derive(Clone, Copy, Debug)]
pub struct Slowdown {
    pub free: u32,
    pub cap: Duration,
}

impl Slowdown {
    /// The delay required after `count` failures.
    pub fn delay(self, count: u32) -> Duration {
        if count < self.free {
            return Duration::ZERO;
        }
        let exponent = (count - self.free + 1).min(30);
        Duration::from_secs(1u64 << exponent).min(self.cap)
    }
}

/// Accounts (typed names) with less than this many entries are not pruned.
const PRUNE_ABOVE: usize = 10_000;

struct Failures {
    count: u32,
    last: Instant,
}

pub struct LoginThrottle {
    per_name: Slowdown,
    per_address: Slowdown,
    failures: Mutex<HashMap<String, Failures>>,
}

fn name_key(username: &str) -> String {
    format!("name:{}", username.trim().to_lowercase())
}

fn address_key(ip: &str) -> String {
    format!("addr:{ip}")
}

impl LoginThrottle {
    pub fn new(per_name: Slowdown, per_address: Slowdown) -> Self {
        LoginThrottle { per_name, per_address, failures: Mutex::new(HashMap::new()) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Failures>> {
        // a panic while holding it leaves only counts behind: keep using them
        self.failures.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How long an attempt for `username` from `ip` must still wait (zero: it may try).
    pub fn wait(&self, username: &str, ip: &str, now: Instant) -> Duration {
        let map = self.lock();
        let wait = |key: String, s: Slowdown| map.get(&key).map_or(Duration::ZERO, |f| s.delay(f.count).saturating_sub(now.saturating_duration_since(f.last)));
        wait(name_key(username), self.per_name).max(wait(address_key(ip), self.per_address))
    }

    /// A wrong password (or an unknown name) for `username` from `ip`.
    pub fn failed(&self, username: &str, ip: &str, now: Instant) {
        let mut map = self.lock();
        if map.len() > PRUNE_ABOVE {
            let (name, addr) = (self.per_name, self.per_address);
            map.retain(|k, f| now.saturating_duration_since(f.last) < forget_after(if k.starts_with("addr:") { addr } else { name }));
        }
        for (key, s) in [(name_key(username), self.per_name), (address_key(ip), self.per_address)] {
            let f = map.entry(key).or_insert(Failures { count: 0, last: now });
            if now.saturating_duration_since(f.last) >= forget_after(s) {
                f.count = 0;
            }
            f.count = f.count.saturating_add(1);
            f.last = now;
        }
    }

    /// The name logged in: its count starts again (the address's does not, or an attacker with
    /// one account of its own could reset it). Issue 17: called after the second factor.
    pub fn succeeded(&self, username: &str) {
        self.lock().remove(&name_key(username));
    }
}

fn forget_after(s: Slowdown) -> Duration {
    s.cap + Duration::from_secs(15 * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_stop_at_the_cap() {
        let s = Slowdown { free: 5, cap: Duration::from_secs(300) };
        let secs: Vec<u64> = (0..14).map(|n| s.delay(n).as_secs()).collect();
        assert_eq!(secs, [0, 0, 0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300]);
    }

    #[test]
    fn names_and_addresses_apart() {
        let t = LoginThrottle::new(Slowdown { free: 2, cap: Duration::from_secs(8) }, Slowdown { free: 3, cap: Duration::from_secs(60) });
        let now = Instant::now();
        t.failed("Beimen", "10.0.0.1", now);
        assert_eq!(t.wait("beimen", "10.0.0.2", now), Duration::ZERO);
        t.failed("beimen ", "10.0.0.1", now);
        // the name is slowed from every address; the address only for its own attempts
        assert_eq!(t.wait("beimen", "10.0.0.2", now), Duration::from_secs(2));
        assert_eq!(t.wait("other", "10.0.0.2", now), Duration::ZERO);
        t.failed("x", "10.0.0.1", now);
        assert_eq!(t.wait("other", "10.0.0.1", now), Duration::from_secs(2));
        assert_eq!(t.wait("beimen", "10.0.0.2", now + Duration::from_secs(2)), Duration::ZERO);
        t.succeeded("BEIMEN");
        assert_eq!(t.wait("beimen", "10.0.0.2", now), Duration::ZERO);
    }
}
