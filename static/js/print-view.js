// The print view's "Print this page" button: shown only when JavaScript can print.
const button = document.querySelector("[data-print-page]");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
