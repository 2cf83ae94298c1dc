// Browsers without ES modules (e.g. WeChat's old X5 engine) cannot run the app: show the
// static page without the controls that need it.
document.documentElement.className += ' no-app';
