// The dashboard's entry: the shell and the pages of signing in; every other page is a chunk of its own,
// loaded the first time its address is opened (app/page-loaders.ts).
import './pages/login-page.js';
import './pages/password-page.js';
import './pages/purpose-dialog.js';
import './app/yorozu-app.js';
