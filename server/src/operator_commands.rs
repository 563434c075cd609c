//! The operator's commands besides serving: `roster client add` declares a product that signs
//! its users in through Roster, `roster keys rotate` adds the next signing key.

use crate::config::Config;
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "roster client add",
    about = "Declares a product that signs its users in through Roster: appends it to the clients file and prints its secret, once."
)]
struct ClientAdd {
    /// The clients file to append to (created if missing).
    #[arg(long, env = "ROSTER_CLIENTS_FILE")]
    clients_file: std::path::PathBuf,
    /// The client id the product will send.
    #[arg(long)]
    id: String,
    /// The product's name, shown to people on the consent screen.
    #[arg(long)]
    name: String,
    /// Where codes may be sent (repeat for several; compared exactly).
    #[arg(long = "redirect-uri", required = true)]
    redirect_uris: Vec<String>,
    /// Where the browser may go after signing out (repeat for several).
    #[arg(long = "post-logout-redirect-uri")]
    post_logout_redirect_uris: Vec<String>,
    /// Where Roster POSTs a logout token when a session the product signed into ends.
    #[arg(long)]
    backchannel_logout_uri: Option<String>,
    /// The scopes it may ask for (repeat; default: all of openid, profile, email, offline_access).
    #[arg(long = "scope")]
    scopes: Vec<String>,
    /// A browser or mobile app that cannot keep a secret: no secret, PKCE only.
    #[arg(long)]
    public: bool,
    /// The operator's own product: its users are not asked to consent.
    #[arg(long)]
    first_party: bool,
    /// Sign its tokens with RS256, for a library that knows no ES256.
    #[arg(long)]
    rs256: bool,
}

/// `roster client add …`
pub fn client(args: impl Iterator<Item = String>) -> ExitCode {
    let args: Vec<String> = args.collect();
    if args.get(1).map(String::as_str) != Some("add") {
        eprintln!(
            "usage: roster client add --id ID --name NAME --redirect-uri URI [--public] [--first-party] …"
        );
        return ExitCode::FAILURE;
    }
    let add = ClientAdd::parse_from(args.iter().skip(1));
    match add_client(&add) {
        Ok(secret) => {
            println!(
                "Added client \"{}\" to {}.",
                add.id,
                add.clients_file.display()
            );
            match secret {
                Some(secret) => {
                    println!("Its secret, shown this once (Roster keeps only its hash):\n{secret}")
                }
                None => println!("It is a public client: no secret, PKCE only."),
            }
            println!("Restart Roster (every server) for it to take effect.");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("roster client add: {error}");
            ExitCode::FAILURE
        }
    }
}

fn add_client(add: &ClientAdd) -> Result<Option<String>, String> {
    let shown = add.clients_file.display();
    let existing = match std::fs::read_to_string(&add.clients_file) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(format!("{shown}: {error}")),
    };
    app::oauth::clients::Clients::parse(&existing).map_err(|error| format!("{shown}: {error}"))?;
    let client = app::oauth::clients::Client {
        id: add.id.clone(),
        name: add.name.clone(),
        secret_sha256: None,
        redirect_uris: add.redirect_uris.clone(),
        post_logout_redirect_uris: add.post_logout_redirect_uris.clone(),
        backchannel_logout_uri: add.backchannel_logout_uri.clone(),
        scopes: if add.scopes.is_empty() {
            app::oauth::clients::scopes_default()
        } else {
            add.scopes.clone()
        },
        first_party: add.first_party,
        id_token_signed_response_alg: add.rs256.then(|| "RS256".to_owned()),
    };
    let made = app::oauth::clients::new_client(&client, add.public)?;
    // The whole file must still read: a repeated id is refused before anything is written.
    app::oauth::clients::Clients::parse(&format!("{existing}{}", made.table))?;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&add.clients_file)
        .map_err(|error| format!("{shown}: {error}"))?;
    file.write_all(made.table.as_bytes())
        .map_err(|error| format!("{shown}: {error}"))?;
    Ok(made.secret)
}

/// `roster keys rotate [the server's flags]`: adds the next signing key, published at once and
/// signing after `--signing-key-published-before-secs`.
pub async fn keys(args: impl Iterator<Item = String>) -> ExitCode {
    let args: Vec<String> = args.collect();
    if args.get(1).map(String::as_str) != Some("rotate") {
        eprintln!(
            "usage: roster keys rotate [--database-url URL] [--signing-key-published-before-secs SECS]"
        );
        return ExitCode::FAILURE;
    }
    let config =
        Config::parse_from(std::iter::once("roster".to_owned()).chain(args.into_iter().skip(2)));
    let databases =
        match crate::database::open(&config.database_url, config.database_connections).await {
            Ok(databases) => databases,
            Err(error) => {
                eprintln!("roster keys rotate: {error}");
                return ExitCode::FAILURE;
            }
        };
    let lead = std::time::Duration::from_secs(config.signing_key_published_before_secs);
    match app::oauth::keys::rotate(&databases.writer, lead).await {
        Ok(made) => {
            for (kid, starts) in made {
                println!("Added signing key {kid}: published now, it signs from {starts}.");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("roster keys rotate: {error}");
            ExitCode::FAILURE
        }
    }
}
