// Passkey ceremonies for the forms marked data-passkey="register" | "sign-in" | "second-step".
// They are hidden until this script runs (and the notes saying a passkey needs script are
// hidden by it): without it, a passkey cannot be used. The server
// keeps each ceremony's state; this only carries the options to the browser's authenticator
// and its answer back (bytes as base64url, as webauthn-rs writes them).
(() => {
  if (!window.PublicKeyCredential || !navigator.credentials) return;
  const fromBase64url = (text) => {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  };
  const toBase64url = (buffer) => {
    let binary = "";
    for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };
  const failure = (error) => {
    if (error && typeof error === "object") {
      const [kind, value] = Object.entries(error)[0] ?? [];
      if (kind === "Validation") return value?.[0]?.message;
      if (typeof value === "string") return value;
    }
    return "That did not work. Try again.";
  };
  const call = async (name, fields) => {
    const response = await fetch(`/api/${name}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams(fields),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(failure(body));
    return body;
  };
  const answer = (credential) => {
    const response = credential.response;
    const bytes = {};
    for (const field of ["clientDataJSON", "attestationObject", "authenticatorData", "signature", "userHandle"]) {
      if (response[field]) bytes[field] = toBase64url(response[field]);
    }
    return JSON.stringify({
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: bytes,
      extensions: credential.getClientExtensionResults(),
    });
  };
  const create = async () => {
    const options = JSON.parse(await call("begin_passkey_registration", {}));
    const key = options.publicKey;
    key.challenge = fromBase64url(key.challenge);
    key.user.id = fromBase64url(key.user.id);
    for (const excluded of key.excludeCredentials ?? []) excluded.id = fromBase64url(excluded.id);
    return navigator.credentials.create(options);
  };
  const get = async (begin, fields) => {
    const options = JSON.parse(await call(begin, fields));
    const key = options.publicKey;
    key.challenge = fromBase64url(key.challenge);
    for (const allowed of key.allowCredentials ?? []) allowed.id = fromBase64url(allowed.id);
    return navigator.credentials.get(options);
  };
  const ceremonies = {
    register: async (form) => {
      const name = form.querySelector("[name=name]").value;
      if (!name.trim()) throw new Error("Name the passkey, so that you know it in the list (“Work laptop”).");
      const credential = await create();
      await call("finish_passkey_registration", { name, credential: answer(credential) });
      return "/profile?notice=passkey-added#passkeys-heading";
    },
    "sign-in": async (form) => {
      const credential = await get("begin_passkey_sign_in", { next: form.dataset.next ?? "/" });
      return call("finish_passkey_sign_in", { credential: answer(credential) });
    },
    "second-step": async () => {
      const credential = await get("begin_passkey_second_step", {});
      return call("finish_passkey_second_step", { credential: answer(credential) });
    },
  };
  for (const note of document.querySelectorAll("[data-passkey-needs-script]")) note.hidden = true;
  for (const form of document.querySelectorAll("form[data-passkey]")) {
    const ceremony = ceremonies[form.dataset.passkey];
    if (!ceremony) continue;
    form.hidden = false;
    const status = form.querySelector("[data-passkey-status]");
    const button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      button.disabled = true;
      status.textContent = "";
      try {
        location.assign(await ceremony(form));
      } catch (error) {
        status.textContent =
          error?.name === "NotAllowedError"
            ? "The passkey was not used: it was cancelled, or took too long."
            : error?.name === "SecurityError"
              ? "Passkeys work only at Roster's own address (a name, not an IP address). Open Roster there to use one."
              : error?.message || "That did not work. Try again.";
        button.disabled = false;
      }
    });
  }
})();
