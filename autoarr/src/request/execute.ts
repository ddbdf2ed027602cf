// Carries out a confirmed plan: add the title with the previewed root folder and profile, or start the search.
// The lookup is repeated by id, so what is added is exactly what the metadata source says now.
import type { RequestApps, RequestPlan } from './plan.js';

export async function executePlan(plan: RequestPlan, apps: RequestApps): Promise<string> {
  const label = plan.year ? `${plan.title} (${plan.year})` : plan.title;
  if (plan.app === 'radarr') {
    const radarr = apps.radarr(plan.instanceId);
    if (plan.action === 'search') {
      await radarr.command('MoviesSearch', { movieIds: [plan.libraryId!] });
      return `Started a search for ${label} in ${plan.instanceName}.`;
    }
    const found = (await radarr.lookupMovie(`tmdb:${plan.externalId}`))[0];
    if (!found) return `${plan.instanceName} no longer finds ${label}; nothing was added.`;
    if (found.id) return `${label} is already in ${plan.instanceName}; nothing was added.`;
    await radarr.addMovie({
      ...found,
      qualityProfileId: plan.qualityProfile!.id,
      rootFolderPath: plan.rootFolder!,
      monitored: true,
      minimumAvailability: 'released',
      addOptions: { searchForMovie: plan.search },
    });
    return `Added ${label} to ${plan.instanceName}${plan.search ? ' and started a search' : ''}.`;
  }

  const sonarr = apps.sonarr(plan.instanceId);
  if (plan.action === 'search') {
    if (plan.episodeIds?.length) await sonarr.command('EpisodeSearch', { episodeIds: plan.episodeIds });
    else await sonarr.command('SeriesSearch', { seriesId: plan.libraryId! });
    return `Started a search for ${label}${plan.season !== undefined ? ` season ${plan.season}` : ''} in ${plan.instanceName}.`;
  }
  const found = (await sonarr.lookupSeries(`tvdb:${plan.externalId}`))[0];
  if (!found) return `${plan.instanceName} no longer finds ${label}; nothing was added.`;
  if (found.id) return `${label} is already in ${plan.instanceName}; nothing was added.`;
  const oneEpisode = plan.episode !== undefined;
  const added = await sonarr.addSeries({
    ...found,
    qualityProfileId: plan.qualityProfile!.id,
    rootFolderPath: plan.rootFolder!,
    monitored: true,
    seasonFolder: true,
    // "season 2": only that season is watched (monitor "unknown" keeps the seasons' own flags).
    ...(plan.season !== undefined
      ? { seasons: (found.seasons ?? []).map((s) => ({ ...s, monitored: s.seasonNumber === plan.season })) }
      : {}),
    addOptions: { monitor: plan.monitor ?? 'all', searchForMissingEpisodes: plan.search && !oneEpisode },
  });
  if (!oneEpisode) return `Added ${label} to ${plan.instanceName}${plan.search ? ' and started a search' : ''}.`;
  const episode = (await sonarr.episodes(added.id!)).find(
    (e) => e.seasonNumber === plan.season && e.episodeNumber === plan.episode,
  );
  if (!episode?.id)
    return `Added ${label} to ${plan.instanceName}; it lists no season ${plan.season} episode ${plan.episode} yet, so that episode will be grabbed when it appears.`;
  await sonarr.command('EpisodeSearch', { episodeIds: [episode.id] });
  return `Added ${label} to ${plan.instanceName} and started a search for season ${plan.season} episode ${plan.episode}.`;
}
