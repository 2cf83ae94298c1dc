//! Writes one real HTML file per page into the built site, rendered by the app itself, so
//! that every page reads (and every link works) before, or without, WebAssembly.
//!
//! Run by Trunk's post_build hook with `TRUNK_STAGING_DIR`, or with the dist folder as argument.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jianyan::prerender;

fn main() -> ExitCode {
    let dir = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("TRUNK_STAGING_DIR").ok())
        .map(PathBuf::from);
    let Some(dir) = dir else {
        eprintln!("usage: prerender DIST_DIR   (or set TRUNK_STAGING_DIR)");
        return ExitCode::from(2);
    };
    match run(&dir) {
        Ok(n) => {
            println!("prerender: wrote {n} pages into {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path) -> Result<usize, String> {
    let template_path = dir.join("index.html");
    let template = std::fs::read_to_string(&template_path)
        .map_err(|e| format!("cannot read {}: {e}", template_path.display()))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    let site_path = prerender::site_path(std::env::var("JIANYAN_SITE_PATH").ok().as_deref())?;
    let site_url = prerender::site_url(std::env::var("JIANYAN_SITE_URL").ok().as_deref())?;
    if site_url.is_none() {
        println!(
            "prerender: no site address (cargo xtask dist --site-url URL, or JIANYAN_SITE_URL): \
             no canonical links, Open Graph tags, sitemap.xml, robots.txt or QR codes on paper written"
        );
    }
    let pages = runtime.block_on(prerender::render_site(
        &template,
        site_path.as_deref(),
        site_url.as_ref(),
    ))?;
    for (file, html) in &pages {
        let path = dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(pages.len())
}
