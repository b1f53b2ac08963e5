//! The shape shared by every coded vocabulary (性别, 户籍类型, 残疾类别, 角色, ...): a stable
//! machine code used in JSON and the database, a Chinese and an English name, and a lenient parser
//! for what officers type into forms and spreadsheets.

/// Declares a closed vocabulary enum with `as_str`, `zh`, `en`, `parse`, `ALL`, `Display` and
/// serde (de)serialisation as its code.
///
/// `parse` accepts the code, the Chinese name, the English name (ASCII case-insensitive, trimmed)
/// and any aliases listed after the names.
///
/// Its OpenAPI schema is named after the type; `pub enum Basis as "SupermarketBasis"` gives another
/// name where two areas' vocabularies share one (the document has one namespace).
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident $(as $schema_name:literal)? {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => ($code:literal, $zh:literal, $en:literal $(, [$($alias:literal),* $(,)?])? )
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in dictionary order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable machine code (JSON, database, URLs).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The Chinese name shown in the console.
            pub fn zh(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }

            /// The English name.
            pub fn en(self) -> &'static str {
                match self { $($name::$variant => $en),+ }
            }

            /// Reads a code, a Chinese or English name, or a common alias; `None` if unknown.
            pub fn parse(input: &str) -> Option<$name> {
                let s = input.trim();
                if s.is_empty() {
                    return None;
                }
                $(
                    if s.eq_ignore_ascii_case($code)
                        || s == $zh
                        || s.eq_ignore_ascii_case($en)
                        $($(|| s.eq_ignore_ascii_case($alias))*)?
                    {
                        return Some($name::$variant);
                    }
                )+
                None
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        // the schema says what Serialize below writes: one of the codes
        #[cfg(feature = "openapi")]
        impl ::utoipa::PartialSchema for $name {
            fn schema() -> ::utoipa::openapi::RefOr<::utoipa::openapi::schema::Schema> {
                ::utoipa::openapi::ObjectBuilder::new()
                    .schema_type(::utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),+]))
                    .into()
            }
        }
        #[cfg(feature = "openapi")]
        impl ::utoipa::ToSchema for $name {
            $(
                fn name() -> ::std::borrow::Cow<'static, str> {
                    ::std::borrow::Cow::Borrowed($schema_name)
                }
            )?
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as ::serde::Deserialize>::deserialize(d)?;
                // bilingual, listing the codes: the server answers it as the field's 422
                $name::parse(&s).ok_or_else(|| {
                    let zh = [$(concat!($code, "（", $zh, "）")),+].join("、");
                    let en = [$($code),+].join(", ");
                    $crate::error::FieldError::new(
                        "",
                        format!("“{s}”不是可选的值，应为：{zh}"),
                        format!("{s:?} is not one of: {en}"),
                    )
                    .to_de_error()
                })
            }
        }
    };
}

/// `ToSchema` for a type whose own `Serialize` writes a string (a month, a region code): the derive
/// would describe its fields instead. The pattern is the form the type writes, so that a client (and
/// the API fuzz) sends values of the right shape.
#[cfg(feature = "openapi")]
macro_rules! string_schema {
    ($name:ty, $description:literal, $pattern:literal) => {
        impl ::utoipa::PartialSchema for $name {
            fn schema() -> ::utoipa::openapi::RefOr<::utoipa::openapi::schema::Schema> {
                ::utoipa::openapi::ObjectBuilder::new()
                    .schema_type(::utoipa::openapi::schema::Type::String)
                    .description(Some($description))
                    .pattern(Some($pattern))
                    .into()
            }
        }
        impl ::utoipa::ToSchema for $name {}
    };
}

#[cfg(test)]
mod tests {
    use crate::registry::person::Gender;

    #[test]
    fn an_unknown_code_is_refused_in_both_languages_with_the_choices() {
        assert_eq!(serde_json::from_str::<Gender>("\"女\"").unwrap(), Gender::Female);
        let err = serde_json::from_str::<Gender>("\"x\"").unwrap_err().to_string();
        let e = crate::FieldError::from_de_message("gender", &err).expect("a FieldError");
        assert!(e.message.starts_with("“x”不是可选的值，应为：") && e.message.contains("female（女）"), "{e:?}");
        assert!(e.message_en.contains("\"x\" is not one of: ") && e.message_en.contains("female"), "{e:?}");
    }
}
