// The Flemish global header (docs/interop.md, "Flanders header"): mount the widget loaded
// by its entry script and tell it the resident's login state (setProfile). Nothing here is
// needed for the page to work: without JavaScript, or when the widget platform cannot be
// reached, Loket's own header and sign-in link remain.
(function () {
  "use strict";
  var element = document.getElementById("flanders-global-header");
  var client = window.globalHeaderClient;
  if (!element || !client) {
    return;
  }
  var data = element.dataset;
  var profile = {
    active: data.loggedIn === "true",
    loginUrl: data.loginUrl,
    logoutUrl: data.logoutUrl,
  };
  if (profile.active) {
    profile.idpData = {
      user: { firstName: data.firstName, name: data.name },
      activeIdentity: { onBehalfOf: { code: "BUR" } },
    };
  }
  Promise.resolve(client.mount(element))
    .then(function () {
      return client.accessMenu.setProfile(profile);
    })
    .catch(function () {
      element.hidden = true;
    });
})();
