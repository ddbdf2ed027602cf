// Entry of the ingress UI.
import './app.js';
