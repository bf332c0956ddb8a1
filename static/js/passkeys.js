// After django-otp-webauthn registered a passkey, go to the page named by data-passkey-success-url
// (the profile, which lists the new passkey). Its own script only shows a status text.
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const container = event.target.closest("[data-passkey-success-url]");
  if (container) {
    window.location.assign(container.dataset.passkeySuccessUrl);
  }
});
