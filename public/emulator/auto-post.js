// Emulated SAML-like hops (saml-chain MVPD personality): submit the page's auto-post form at once.
// Loaded as a same-origin file because the Content-Security-Policy allows no inline script; without
// JavaScript the page's visible Continue button posts the same form.
'use strict';

(function autoPost() {
  const form = document.querySelector('form[data-auto-post]');
  if (!form || form.getAttribute('data-posted') === 'true') return;
  form.setAttribute('data-posted', 'true');
  const status = document.querySelector('[role="status"]');
  if (status) status.setAttribute('aria-busy', 'true');
  HTMLFormElement.prototype.submit.call(form);
})();
