// The dashboard's entry: every page registers its element; the shell picks one per address.
import './pages/login-page.js';
import './pages/password-page.js';
import './pages/purpose-dialog.js';
import './pages/fleet/fleet-page.js';
import './pages/devices/devices-page.js';
import './pages/device/device-page.js';
import './pages/explorer/explorer-page.js';
import './pages/inventory/inventory-page.js';
import './pages/report/report-page.js';
import './pages/policies/policies-page.js';
import './app/yorozu-app.js';
