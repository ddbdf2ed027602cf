// What happens when a download is imported: the file lands in the library, the *arr records it, Plex picks it up.
import type { SimDownload } from './model.js';
import { TIMING, type SimWorld } from './world.js';

export function importDownload(world: SimWorld, d: SimDownload): void {
  if (!d.app) return;
  d.arr = 'imported';
  const now = world.now();
  const fileFor = (root: string, name: string) => ({
    id: world.newId('file'),
    relativePath: name,
    path: `${root}/${name}`,
    size: d.sizeBytes,
    quality: d.quality,
    releaseGroup: d.releaseGroup,
    sceneName: d.title,
    dateAdded: now,
  });
  if (d.app === 'sonarr') {
    const series = world.seriesById(d.seriesId);
    for (const id of d.episodeIds) {
      const ep = world.episodeById(id);
      if (!ep || !series) continue;
      ep.file = fileFor(series.path, `Season ${ep.seasonNumber}/${d.title}.mkv`);
      world.addHistory('sonarr', 'downloadFolderImported', d, { episodeId: id, seriesId: series.id });
      world.schedule(TIMING.plexScanMs, () => addPlexItem(world, { type: 'episode', episodeId: id }));
    }
  } else {
    const movie = world.movieById(d.movieId);
    if (!movie) return;
    movie.file = fileFor(movie.path, `${d.title}.mkv`);
    world.addHistory('radarr', 'downloadFolderImported', d, { movieId: movie.id });
    world.schedule(TIMING.plexScanMs, () => addPlexItem(world, { type: 'movie', movieId: movie.id }));
  }
}

export function addPlexItem(
  world: SimWorld,
  ref: { type: 'movie'; movieId: number } | { type: 'episode'; episodeId: number },
): void {
  const now = Math.floor(world.now() / 1000);
  const existing = world.plexItems.find((p) =>
    ref.type === 'movie' ? p.movieId === ref.movieId : p.episodeId === ref.episodeId,
  );
  const sectionId = ref.type === 'movie' ? 1 : 2;
  const section = world.plexSections.find((s) => s.id === sectionId)!;
  section.updatedAt = world.now();
  section.scannedAt = world.now();
  if (existing) {
    existing.addedAt = now;
    return;
  }
  const title =
    ref.type === 'movie'
      ? (world.movieById(ref.movieId)?.title ?? '')
      : (world.episodeById(ref.episodeId)?.title ?? '');
  world.plexItems.push({ ratingKey: world.newId('plex'), sectionId, title, addedAt: now, ...ref });
}

export function seedPlexLibrary(world: SimWorld): void {
  for (const m of world.movies) {
    if (!m.file) continue;
    const addedAt = Math.floor(m.file.dateAdded / 1000);
    world.plexItems.push({
      ratingKey: world.newId('plex'),
      sectionId: 1,
      type: 'movie',
      title: m.title,
      addedAt,
      movieId: m.id,
    });
  }
  for (const e of world.episodes) {
    if (!e.file) continue;
    const addedAt = Math.floor(e.file.dateAdded / 1000);
    world.plexItems.push({
      ratingKey: world.newId('plex'),
      sectionId: 2,
      type: 'episode',
      title: e.title,
      addedAt,
      episodeId: e.id,
    });
  }
}

export function blockMessageFor(world: SimWorld, d: SimDownload): SimDownload['blockMessage'] {
  if (d.behaviour === 'import_pending') {
    return { state: 'importPending', text: 'Episode has a TBA title and recently aired' };
  }
  if (d.app === 'radarr') {
    const existing = world.movieById(d.movieId)?.file?.quality.name ?? 'Bluray-1080p';
    return {
      state: 'importBlocked',
      text: `Not an upgrade for existing movie file. Existing quality: ${existing}. New Quality ${d.quality.name}.`,
    };
  }
  return { state: 'importBlocked', text: 'Not an upgrade for existing episode file(s)' };
}
