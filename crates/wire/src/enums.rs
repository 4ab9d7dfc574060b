//! Protobuf enums as they travel in JSON: by value name, or by number on input.
//!
//! Every enum is *open*: a name this build does not know is kept in `Unknown` rather than
//! rejected, because the server adds values faster than clients ship (§2 of the reference).

use serde::de::{Error as _, Unexpected};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$vmeta:meta])* $variant:ident = $num:literal => $wire:literal,)+ }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value name (or number) this build does not know.
            Unknown(String),
        }

        impl $name {
            /// Every known value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value's name on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unknown(s) => s,
                }
            }

            /// The value's protobuf number, `None` for unknown values.
            pub fn number(&self) -> Option<i32> {
                match self {
                    $($name::$variant => Some($num),)+
                    $name::Unknown(_) => None,
                }
            }

            /// Parses a name (exact, then case-insensitive) or a number.
            pub fn parse(text: &str) -> Self {
                $(if text == $wire { return $name::$variant; })+
                $(if text.eq_ignore_ascii_case($wire) { return $name::$variant; })+
                if let Ok(n) = text.parse::<i64>() {
                    return Self::from_number(n);
                }
                $name::Unknown(text.to_string())
            }

            /// Maps a protobuf number to its value.
            pub fn from_number(n: i64) -> Self {
                match n {
                    $($num => $name::$variant,)+
                    other => $name::Unknown(other.to_string()),
                }
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::from_number(0)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                match serde_json::Value::deserialize(d)? {
                    serde_json::Value::String(s) => Ok(Self::parse(&s)),
                    serde_json::Value::Number(n) => n
                        .as_i64()
                        .map(Self::from_number)
                        .ok_or_else(|| D::Error::invalid_value(Unexpected::Other("number"), &"an enum number")),
                    serde_json::Value::Null => Ok(Self::default()),
                    _ => Err(D::Error::invalid_type(Unexpected::Other("non-scalar"), &"an enum name or number")),
                }
            }
        }
    };
}

open_enum! {
    /// `scalekit.v1.connected_accounts.ConnectorStatus`: where a connected account stands.
    ConnectorStatus {
        Unspecified = 0 => "CONNECTION_STATUS_UNSPECIFIED",
        Active = 1 => "ACTIVE",
        Expired = 2 => "EXPIRED",
        PendingAuth = 3 => "PENDING_AUTH",
        PendingVerification = 4 => "PENDING_VERIFICATION",
        Disconnected = 5 => "DISCONNECTED",
    }
}

open_enum! {
    /// `scalekit.v1.connected_accounts.ConnectorType`: how a connected account authenticates.
    ConnectorType {
        Unspecified = 0 => "CONNECTION_TYPE_UNSPECIFIED",
        Oauth = 1 => "OAUTH",
        ApiKey = 2 => "API_KEY",
        BasicAuth = 3 => "BASIC_AUTH",
        BearerToken = 4 => "BEARER_TOKEN",
        Custom = 5 => "CUSTOM",
        Basic = 6 => "BASIC",
        OauthM2m = 7 => "OAUTH_M2M",
        TrelloOauth1 = 8 => "TRELLO_OAUTH1",
        GoogleDwd = 9 => "GOOGLE_DWD",
        TrustedIdp = 10 => "TRUSTED_IDP",
        SmartFhir = 11 => "SMART_FHIR",
        NoAuth = 12 => "NO_AUTH",
    }
}

open_enum! {
    /// `scalekit.v1.connections.ConnectionAuthMode`.
    ConnectionAuthMode {
        Unspecified = 0 => "CONNECTION_AUTH_MODE_UNSPECIFIED",
        User = 1 => "USER",
        OrgWide = 2 => "ORG_WIDE",
    }
}

open_enum! {
    /// `scalekit.v1.connections.ConnectionProvider` (the SSO provider; not meaningful for app
    /// connections, whose connector lives in `provider_key`).
    ConnectionProvider {
        Unspecified = 0 => "CONNECTION_PROVIDER_UNSPECIFIED",
        Okta = 1 => "OKTA",
        Google = 2 => "GOOGLE",
        MicrosoftAd = 3 => "MICROSOFT_AD",
        Auth0 = 4 => "AUTH0",
        Onelogin = 5 => "ONELOGIN",
        PingIdentity = 6 => "PING_IDENTITY",
        Jumpcloud = 7 => "JUMPCLOUD",
        Custom = 8 => "CUSTOM",
        Github = 9 => "GITHUB",
        Gitlab = 10 => "GITLAB",
        Linkedin = 11 => "LINKEDIN",
        Salesforce = 12 => "SALESFORCE",
        Microsoft = 13 => "MICROSOFT",
        IdpSimulator = 14 => "IDP_SIMULATOR",
        Scalekit = 15 => "SCALEKIT",
        Adfs = 16 => "ADFS",
    }
}

open_enum! {
    /// `scalekit.v1.connections.ConnectionStatus`: how far a connection's setup got.
    ConnectionStatus {
        Unspecified = 0 => "CONNECTION_STATUS_UNSPECIFIED",
        Draft = 1 => "DRAFT",
        InProgress = 2 => "IN_PROGRESS",
        Completed = 3 => "COMPLETED",
    }
}

open_enum! {
    /// `scalekit.v1.connections.ConnectionType`: the auth type of a connection.
    ConnectionType {
        Invalid = 0 => "INVALID",
        Oidc = 1 => "OIDC",
        Saml = 2 => "SAML",
        Password = 3 => "PASSWORD",
        Oauth = 4 => "OAUTH",
        Passwordless = 5 => "PASSWORDLESS",
        Basic = 6 => "BASIC",
        Bearer = 7 => "BEARER",
        ApiKey = 8 => "API_KEY",
        Webauthn = 9 => "WEBAUTHN",
        OauthM2m = 10 => "OAUTH_M2M",
        TrelloOauth1 = 11 => "TRELLO_OAUTH1",
        GoogleDwd = 12 => "GOOGLE_DWD",
        TrustedIdp = 13 => "TRUSTED_IDP",
        SmartFhir = 14 => "SMART_FHIR",
        NoAuth = 15 => "NO_AUTH",
    }
}

open_enum! {
    /// `scalekit.v1.providers.ProviderType`: which providers `ListProviders` returns.
    ProviderType {
        Default = 0 => "DEFAULT",
        Custom = 1 => "CUSTOM",
        All = 2 => "ALL",
    }
}

open_enum! {
    /// `scalekit.v1.tools.ToolReadinessState`: whether an identifier can run a tool now.
    ToolReadinessState {
        Unspecified = 0 => "TOOL_READINESS_STATE_UNSPECIFIED",
        Ready = 1 => "TOOL_READINESS_STATE_READY",
        NeedsConnection = 2 => "TOOL_READINESS_STATE_NEEDS_CONNECTION",
        NeedsReauth = 3 => "TOOL_READINESS_STATE_NEEDS_REAUTH",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_numbers_and_unknowns() {
        let s: ConnectorStatus = serde_json::from_str("\"ACTIVE\"").unwrap();
        assert_eq!(s, ConnectorStatus::Active);
        let n: ConnectorStatus = serde_json::from_str("4").unwrap();
        assert_eq!(n, ConnectorStatus::PendingVerification);
        let u: ConnectorStatus = serde_json::from_str("\"SUSPENDED\"").unwrap();
        assert_eq!(u, ConnectorStatus::Unknown("SUSPENDED".into()));
        assert_eq!(serde_json::to_string(&u).unwrap(), "\"SUSPENDED\"");
        assert_eq!(ConnectorStatus::default(), ConnectorStatus::Unspecified);
        assert_eq!(ConnectionType::parse("api_key"), ConnectionType::ApiKey);
    }
}
