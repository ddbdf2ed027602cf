export const DOWNLOADS_CARD = 'autoarr-downloads-card';
/** Entity ids follow the add-on's MQTT discovery: default_entity_id "<domain>.autoarr_hub_<key>". */
export const DEFAULT_DOWNLOADS_ENTITY = 'sensor.autoarr_hub_downloads';
export const DEFAULT_RETRY_ENTITY = 'button.autoarr_hub_retry_stalled';
export const DEFAULT_SPEED_ENTITY = 'sensor.autoarr_sabnzbd_speed';
