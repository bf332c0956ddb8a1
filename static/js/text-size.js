/* Text-size control (A, A+, A++): a class on <html> changes the root font size;
 * everything is sized in rem, so the whole layout scales. The choice is kept in
 * localStorage so it holds on every page. Loaded in <head>, without defer. */
(function () {
  "use strict";
  var KEY = "mijndossier-text-size";
  var SIZES = ["normal", "large", "larger"];
  var root = document.documentElement;

  function read() {
    try {
      var value = window.localStorage.getItem(KEY);
      return SIZES.indexOf(value) >= 0 ? value : "normal";
    } catch (e) {
      return "normal";
    }
  }

  function apply(size) {
    SIZES.forEach(function (name) {
      root.classList.toggle("text-size-" + name, name === size && name !== "normal");
    });
    var buttons = document.querySelectorAll("[data-text-size]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-text-size") === size ? "true" : "false");
    });
  }

  apply(read());

  document.addEventListener("DOMContentLoaded", function () {
    apply(read());
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-text-size]") : null;
      if (!button) {
        return;
      }
      var size = button.getAttribute("data-text-size");
      try {
        window.localStorage.setItem(KEY, size);
      } catch (e) {
        /* Private mode without storage: the size still applies to this page. */
      }
      apply(size);
    });
  });
})();
