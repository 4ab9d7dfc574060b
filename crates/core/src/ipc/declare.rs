//! How kitbench-core reads `surface.rs`: one handler per command, [`dispatch`](super::dispatch)
//! by name with strictly typed arguments, the command list, event constructors, and the
//! description the TypeScript module is written from.

/// Expands the surface table (see `surface.rs` for its grammar).
macro_rules! ipc_surface {
    (
        commands {
            $(
                $(#[doc = $doc:literal])*
                $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty = |$cx:ident| $body:expr ;
            )*
        }
        events {
            $( $(#[doc = $edoc:literal])* $event:ident : $payload:ty ; )*
        }
    ) => {
        /// The command bodies, exactly as declared.
        mod handlers {
            #[allow(unused_imports)]
            use super::*;
            $(
                $(#[doc = $doc])*
                pub(super) async fn $name($cx: &Context, $($arg: $ty),*) -> crate::Result<$ret> {
                    $body
                }
            )*
        }

        /// Every command's name, as the UI invokes it.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// Runs `command` with its JSON arguments (an object keyed by argument name, as the
        /// UI sends them) and answers with its JSON result. Unknown or misspelled argument
        /// names are refused rather than read as absent.
        pub async fn dispatch(
            cx: &Context,
            command: &str,
            args: serde_json::Value,
        ) -> std::result::Result<serde_json::Value, IpcError> {
            match command {
                $(
                    stringify!($name) => {
                        #[derive(serde::Deserialize)]
                        #[serde(deny_unknown_fields)]
                        struct Args { $($arg: $ty),* }
                        let Args { $($arg),* } = parse_args::<Args>(command, args)?;
                        // Boxed: otherwise the dispatch future is as large as the largest
                        // command's (debug builds overflowed a test thread's stack).
                        let out = Box::pin(handlers::$name(cx, $($arg),*))
                            .await
                            .map_err(IpcError::from)?;
                        to_json(command, &out)
                    }
                )*
                other => Err(unknown_command(other)),
            }
        }

        /// Constructors for the events the backend sends: the payload type is checked here.
        pub mod event {
            #[allow(unused_imports)]
            use super::*;
            $(
                $(#[doc = $edoc])*
                pub fn $event(payload: $payload) -> Emit {
                    Emit::new(stringify!($event), &payload)
                }
            )*
        }

        /// The surface as TypeScript sees it.
        pub(crate) fn describe(cfg: &ts_rs::Config) -> typescript::Surface {
            typescript::Surface {
                commands: vec![$(typescript::Command {
                    name: stringify!($name),
                    docs: &[$($doc),*],
                    args: vec![$((stringify!($arg), typescript::ty::<$ty>(cfg))),*],
                    ret: typescript::ty::<$ret>(cfg),
                }),*],
                events: vec![$(typescript::Event {
                    name: stringify!($event),
                    docs: &[$($edoc),*],
                    payload: typescript::ty::<$payload>(cfg),
                }),*],
            }
        }
    };
}
