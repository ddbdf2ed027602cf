// The dashboard cards bundle (served at /cards/autoarr-cards.js): defines both cards and lists them in the picker.
import { AutoarrDownloadsCard } from './downloads-card/autoarr-downloads-card.js';
import { DOWNLOADS_CARD } from './downloads-card/const.js';
import { AutoarrHealthCard } from './health-card/autoarr-health-card.js';
import { HEALTH_CARD } from './health-card/const.js';
import { registerCard } from './shared/register.js';

registerCard(DOWNLOADS_CARD, AutoarrDownloadsCard, {
  name: 'AutoArr downloads',
  description: 'Active downloads with progress, speed and ETA; stalled and failed ones stand out.',
});
registerCard(HEALTH_CARD, AutoarrHealthCard, {
  name: 'AutoArr health',
  description: "Each app's connection, what needs attention, the audit score and automatic recovery.",
});
