// Radarr's library routes: movies (list, get, lookup, add), calendar, wanted/missing.
import type { Hono } from 'hono';
import { runCommand } from '../world/actions.js';
import { slug } from '../world/catalog.js';
import type { SimMovie } from '../world/model.js';
import type { SimWorld } from '../world/world.js';
import { lookupMovies } from './lookup.js';
import { movieResource } from './radarr-resources.js';
import { flag, notFound, paged, readJson } from './router.js';

export function addRadarrRoutes(r: Hono, world: SimWorld): void {
  const v3 = '/api/v3';
  r.get(`${v3}/movie`, (c) => {
    const tmdbId = Number(c.req.query('tmdbId'));
    const list = c.req.query('tmdbId') ? world.movies.filter((m) => m.tmdbId === tmdbId) : world.movies;
    return c.json(list.map((m) => movieResource(world, m)));
  });
  r.get(`${v3}/movie/lookup`, (c) => c.json(lookupMovies(world, c.req.query('term') ?? '')));
  r.get(`${v3}/movie/:id{[0-9]+}`, (c) => {
    const m = world.movieById(Number(c.req.param('id')));
    return m ? c.json(movieResource(world, m)) : notFound(c);
  });
  r.post(`${v3}/movie`, async (c) => {
    const body = await readJson(c);
    const title = typeof body?.title === 'string' ? body.title : '';
    const tmdbId = typeof body?.tmdbId === 'number' ? body.tmdbId : 0;
    if (!title || !tmdbId)
      return c.json(
        [{ propertyName: 'TmdbId', errorMessage: "'Tmdb Id' must be greater than '0'.", severity: 'error' }],
        400,
      );
    if (world.movies.some((m) => m.tmdbId === tmdbId)) {
      return c.json(
        [{ propertyName: 'TmdbId', errorMessage: 'This movie has already been added', severity: 'error' }],
        400,
      );
    }
    const id = Math.max(0, ...world.movies.map((m) => m.id)) + 1;
    const year = typeof body?.year === 'number' ? body.year : new Date(world.now()).getUTCFullYear();
    const folderName = `${title.replace(/:/g, '')} (${year})`;
    const released = Date.UTC(year, 0, 1);
    const m: SimMovie = {
      id,
      title,
      originalTitle: title,
      sortTitle: title.toLowerCase(),
      year,
      tmdbId,
      imdbId: '',
      overview: '',
      runtime: 0,
      studio: '',
      genres: [],
      certification: '',
      titleSlug: `${slug(title)}-${tmdbId}`,
      folderName,
      path: typeof body?.path === 'string' ? body.path : `${String(body?.rootFolderPath ?? '/movies')}/${folderName}`,
      added: world.now(),
      inCinemas: released,
      digitalRelease: released,
      physicalRelease: released,
      monitored: body?.monitored !== false,
      qualityProfileId: typeof body?.qualityProfileId === 'number' ? body.qualityProfileId : 1,
    };
    world.movies.push(m);
    const addOptions = body?.addOptions as Record<string, unknown> | undefined;
    if (addOptions?.searchForMovie === true) runCommand(world, 'radarr', 'MoviesSearch', { movieIds: [id] });
    return c.json(movieResource(world, m), 201);
  });
  r.get(`${v3}/calendar`, (c) => {
    const now = world.now();
    const start = Date.parse(c.req.query('start') ?? '') || now;
    const end = Date.parse(c.req.query('end') ?? '') || now + 2 * 86_400_000;
    const inRange = (t: number) => t >= start && t < end;
    const list = world.movies.filter(
      (m) =>
        (m.monitored || flag(c, 'unmonitored')) &&
        (inRange(m.inCinemas) || inRange(m.digitalRelease) || inRange(m.physicalRelease)),
    );
    return c.json(list.map((m) => movieResource(world, m)));
  });
  r.get(`${v3}/wanted/missing`, (c) => {
    const list = world.movies.filter(
      (m) => !m.file && (c.req.query('monitored') === 'false' ? !m.monitored : m.monitored),
    );
    return c.json(
      paged(
        c,
        list.map((m) => movieResource(world, m)),
        'movieMetadata.sortTitle',
      ),
    );
  });
}
