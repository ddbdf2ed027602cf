export const HEALTH_CARD = 'autoarr-health-card';
/** The node id of the add-on's MQTT discovery (its base topic); entity ids start with it. */
export const DEFAULT_PREFIX = 'autoarr';
