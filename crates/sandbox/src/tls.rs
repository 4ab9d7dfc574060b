//! TLS on the Sandbox's one port: a self-signed certificate for `localhost`, `127.0.0.1` and
//! `::1`, made once with rcgen and kept beside the data file (or in the temp dir for an
//! in-memory Sandbox), served by rustls with ALPN `h2` and `http/1.1`.
//!
//! Why at all: the official Python SDK always dials gRPC over TLS, even for an `http://`
//! environment URL; pointing `GRPC_DEFAULT_SSL_ROOTS_FILE_PATH` at [`Tls::ca_file`] makes it
//! trust the Sandbox. The serve loop tells TLS from cleartext by the first byte.

use crate::error::{Error, Result};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio_rustls::TlsAcceptor;

const CERT: &str = "sandbox-cert.pem";
const KEY: &str = "sandbox-key.pem";

/// The acceptor and the certificate clients should trust.
#[derive(Clone)]
pub(crate) struct Tls {
    pub acceptor: TlsAcceptor,
    pub ca_file: PathBuf,
}

/// Where the certificate lives: `kitbench-sandbox-tls/` beside the data file, else in the
/// temp dir (shared by in-memory Sandboxes, so a test run makes it once).
pub(crate) fn dir_for(data_file: Option<&Path>) -> PathBuf {
    let base = data_file
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(std::env::temp_dir);
    base.join("kitbench-sandbox-tls")
}

/// Loads the certificate in `dir`, making it first when there is none (or it is unreadable).
pub(crate) fn load_or_create(dir: &Path) -> Result<Tls> {
    let tls_err = |what: &str, e: &dyn std::fmt::Display| {
        Error::Tls(format!("{what} ({}): {e}", dir.display()))
    };
    if load(dir).is_err() {
        create(dir).map_err(|e| tls_err("cannot create the TLS certificate", &e))?;
    }
    let (certs, key) = load(dir).map_err(|e| tls_err("cannot read the TLS certificate", &e))?;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_err("TLS setup", &e))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| tls_err("TLS certificate", &e))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Tls {
        acceptor: TlsAcceptor::from(Arc::new(config)),
        ca_file: dir.join(CERT),
    })
}

fn load(
    dir: &Path,
) -> std::result::Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), String> {
    let certs = CertificateDer::pem_file_iter(dir.join(CERT))
        .map_err(|e| e.to_string())?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    if certs.is_empty() {
        return Err("no certificate".into());
    }
    let key = PrivateKeyDer::from_pem_file(dir.join(KEY)).map_err(|e| e.to_string())?;
    Ok((certs, key))
}

/// Writes a new pair into a fresh directory and renames it into place, so Sandboxes starting
/// together never read one's certificate with another's key: the first rename wins.
fn create(dir: &Path) -> std::result::Result<(), String> {
    create_once(dir, true)
}

fn create_once(dir: &Path, retry: bool) -> std::result::Result<(), String> {
    let names = vec!["localhost".to_string(), "127.0.0.1".into(), "::1".into()];
    let mut params = rcgen::CertificateParams::new(names).map_err(|e| e.to_string())?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Kitbench Sandbox (localhost)");
    let key = rcgen::KeyPair::generate().map_err(|e| e.to_string())?;
    let cert = params.self_signed(&key).map_err(|e| e.to_string())?;
    let parent = dir.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    let staging = parent.join(format!(
        ".kitbench-sandbox-tls-{}-{}",
        std::process::id(),
        crate::ids::alnum(8)
    ));
    std::fs::create_dir_all(&staging).map_err(|e| e.to_string())?;
    let write = || -> std::io::Result<()> {
        std::fs::write(staging.join(CERT), cert.pem())?;
        write_private(&staging.join(KEY), key.serialize_pem().as_bytes())
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e.to_string());
    }
    if std::fs::rename(&staging, dir).is_err() {
        // Another Sandbox won, or an unreadable pair is in the way: replace only the latter.
        let _ = std::fs::remove_dir_all(&staging);
        if load(dir).is_err() && retry {
            let _ = std::fs::remove_dir_all(dir);
            return create_once(dir, false);
        }
    }
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn made_once_then_reused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = super::dir_for(Some(&tmp.path().join("state.json")));
        let first = super::load_or_create(&dir).unwrap();
        let pem = std::fs::read_to_string(&first.ca_file).unwrap();
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"));
        let again = super::load_or_create(&dir).unwrap();
        assert_eq!(std::fs::read_to_string(again.ca_file).unwrap(), pem);
    }
}
