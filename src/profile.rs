//! The three behaviour profiles of `shared/design/profiles.md`.
//!
//! A profile is only a key: what differs between platforms lives in tables indexed by it
//! ([`PerProfile`]), never in `if profile == …` branches spread through the code.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// What the Sip noun documentation describes; where it is silent, Restcomm-Connect.
    #[default]
    Restcomm,
    /// What Restcomm-Connect's code actually does, quirks included.
    RestcommConnect,
    /// The TwiML platform's behaviour for `<Dial><Sip>`.
    Twilio,
}

impl Profile {
    pub const ALL: [Profile; 3] = [Profile::Restcomm, Profile::RestcommConnect, Profile::Twilio];

    pub const fn as_str(self) -> &'static str {
        match self {
            Profile::Restcomm => "restcomm",
            Profile::RestcommConnect => "restcomm-connect",
            Profile::Twilio => "twilio",
        }
    }

    /// One line for `rules`, `--help` and the playground's profile switch.
    pub const fn description(self) -> &'static str {
        match self {
            Profile::Restcomm => "the behaviour the Sip noun documentation describes (default)",
            Profile::RestcommConnect => "what Restcomm-Connect's code actually does, quirks included",
            Profile::Twilio => "the TwiML platform's behaviour for <Dial><Sip>",
        }
    }

    const fn index(self) -> usize {
        match self {
            Profile::Restcomm => 0,
            Profile::RestcommConnect => 1,
            Profile::Twilio => 2,
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an unknown profile name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownProfile(pub String);

impl fmt::Display for UnknownProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown profile `{}`: expected one of `restcomm`, `restcomm-connect`, `twilio`", self.0)
    }
}

impl std::error::Error for UnknownProfile {}

impl FromStr for Profile {
    type Err = UnknownProfile;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Profile::ALL.into_iter().find(|p| p.as_str() == s).ok_or_else(|| UnknownProfile(s.to_owned()))
    }
}

/// One value per profile: the shape of every row of `profiles.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PerProfile<T> {
    pub restcomm: T,
    #[serde(rename = "restcomm-connect")]
    pub restcomm_connect: T,
    pub twilio: T,
}

impl<T: Copy> PerProfile<T> {
    pub const fn new(restcomm: T, restcomm_connect: T, twilio: T) -> Self {
        Self { restcomm, restcomm_connect, twilio }
    }

    /// The same value under every profile.
    pub const fn all(value: T) -> Self {
        Self { restcomm: value, restcomm_connect: value, twilio: value }
    }

    pub const fn get(&self, profile: Profile) -> T {
        match profile.index() {
            0 => self.restcomm,
            1 => self.restcomm_connect,
            _ => self.twilio,
        }
    }
}
