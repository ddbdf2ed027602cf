// Sonarr's library routes: series (list, get, lookup, add), episodes, calendar, wanted/missing.
import type { Hono } from 'hono';
import { runCommand } from '../world/actions.js';
import { slug } from '../world/catalog.js';
import type { SimSeries } from '../world/model.js';
import type { SimWorld } from '../world/world.js';
import { lookupSeries } from './lookup.js';
import { flag, intList, notFound, paged, readJson } from './router.js';
import { episodeResource, seriesResource } from './sonarr-resources.js';

export function addSonarrRoutes(r: Hono, world: SimWorld): void {
  const v3 = '/api/v3';
  r.get(`${v3}/series`, (c) => {
    const tvdbId = Number(c.req.query('tvdbId'));
    const list = c.req.query('tvdbId') ? world.series.filter((s) => s.tvdbId === tvdbId) : world.series;
    return c.json(list.map((s) => seriesResource(world, s)));
  });
  r.get(`${v3}/series/lookup`, (c) => c.json(lookupSeries(world, c.req.query('term') ?? '')));
  r.get(`${v3}/series/:id{[0-9]+}`, (c) => {
    const s = world.seriesById(Number(c.req.param('id')));
    return s ? c.json(seriesResource(world, s)) : notFound(c);
  });
  r.post(`${v3}/series`, async (c) => {
    const body = await readJson(c);
    const title = typeof body?.title === 'string' ? body.title : '';
    const tvdbId = typeof body?.tvdbId === 'number' ? body.tvdbId : 0;
    if (!title || !tvdbId)
      return c.json(
        [{ propertyName: 'TvdbId', errorMessage: "'Tvdb Id' must be greater than '0'.", severity: 'error' }],
        400,
      );
    if (world.series.some((s) => s.tvdbId === tvdbId)) {
      return c.json(
        [{ propertyName: 'TvdbId', errorMessage: 'This series has already been added', severity: 'error' }],
        400,
      );
    }
    const id = Math.max(0, ...world.series.map((s) => s.id)) + 1;
    const s: SimSeries = {
      id,
      title,
      sortTitle: title.toLowerCase(),
      year: typeof body?.year === 'number' ? body.year : new Date(world.now()).getUTCFullYear(),
      tvdbId,
      tmdbId: 0,
      tvMazeId: 0,
      imdbId: '',
      network: '',
      status: 'continuing',
      overview: '',
      genres: [],
      runtime: 45,
      certification: '',
      titleSlug: slug(title),
      path: typeof body?.path === 'string' ? body.path : `${String(body?.rootFolderPath ?? '/tv')}/${title}`,
      added: world.now(),
      qualityProfileId: typeof body?.qualityProfileId === 'number' ? body.qualityProfileId : 1,
      plexRatingKey: 1000 + id * 100,
    };
    world.series.push(s);
    // The metadata source would supply the episodes: one season, weekly, the last two not aired yet.
    const monitor = (body?.addOptions as Record<string, unknown> | undefined)?.monitor;
    const nextEpisodeId = Math.max(0, ...world.episodes.map((e) => e.id)) + 1;
    for (let n = 1; n <= 8; n++) {
      world.episodes.push({
        id: nextEpisodeId + n - 1,
        seriesId: id,
        seasonNumber: 1,
        episodeNumber: n,
        title: `Episode ${n}`,
        airDateUtc: world.now() - (6 - n) * 7 * 86_400_000,
        runtime: 45,
        monitored: monitor !== 'none',
        tvdbId: tvdbId * 100 + n,
      });
    }
    const addOptions = body?.addOptions as Record<string, unknown> | undefined;
    if (addOptions?.searchForMissingEpisodes === true) runCommand(world, 'sonarr', 'SeriesSearch', { seriesId: id });
    return c.json(seriesResource(world, s), 201);
  });
  r.get(`${v3}/episode`, (c) => {
    const seriesId = Number(c.req.query('seriesId'));
    const ids = intList(c, 'episodeIds');
    const season = c.req.query('seasonNumber');
    const list = world.episodes.filter(
      (e) =>
        (ids.length ? ids.includes(e.id) : e.seriesId === seriesId) &&
        (season === undefined || e.seasonNumber === Number(season)),
    );
    const inc = { series: flag(c, 'includeSeries'), file: flag(c, 'includeEpisodeFile') };
    return c.json(list.map((e) => episodeResource(world, e, inc)));
  });
  r.get(`${v3}/episode/:id{[0-9]+}`, (c) => {
    const e = world.episodeById(Number(c.req.param('id')));
    return e ? c.json(episodeResource(world, e, { file: true })) : notFound(c);
  });
  r.get(`${v3}/calendar`, (c) => {
    const now = world.now();
    const start = Date.parse(c.req.query('start') ?? '') || now;
    const end = Date.parse(c.req.query('end') ?? '') || now + 2 * 86_400_000;
    const list = world.episodes.filter(
      (e) => e.airDateUtc >= start && e.airDateUtc < end && (e.monitored || flag(c, 'unmonitored')),
    );
    const inc = { series: flag(c, 'includeSeries'), file: flag(c, 'includeEpisodeFile') };
    return c.json(list.sort((a, b) => a.airDateUtc - b.airDateUtc).map((e) => episodeResource(world, e, inc)));
  });
  r.get(`${v3}/wanted/missing`, (c) => {
    const now = world.now();
    const list = world.episodes
      .filter(
        (e) => !e.file && e.airDateUtc <= now && (c.req.query('monitored') === 'false' ? !e.monitored : e.monitored),
      )
      .sort((a, b) => b.airDateUtc - a.airDateUtc);
    const inc = { series: flag(c, 'includeSeries') };
    return c.json(
      paged(
        c,
        list.map((e) => episodeResource(world, e, inc)),
        'episodes.airDateUtc',
      ),
    );
  });
}
