// The simulated metadata source (TMDB for Radarr, TVDB for Sonarr): titles that are not in the library but that
// /series/lookup and /movie/lookup find, so plain-words requests can be tested against a realistic catalogue.
// Same-name titles (Dune 1984/2021, The Office US/UK, Fargo film/series) are there on purpose: they must be asked
// about, not guessed. Ids are the sim's own (movies 500 001…, series 600 001…).

export interface MetaMovie {
  title: string;
  year: number;
  tmdbId: number;
  /** TMDB-style popularity (0–100 here). */
  popularity: number;
  originalTitle?: string;
  alternateTitles?: string[];
}

export interface MetaSeries {
  title: string;
  year: number;
  tvdbId: number;
  popularity: number;
  seasons: number;
  ended: boolean;
  alternateTitles?: string[];
}

type MovieRow = [title: string, year: number, popularity: number, originalTitle?: string, alternate?: string[]];
type SeriesRow = [
  title: string,
  year: number,
  popularity: number,
  seasons: number,
  ended: boolean,
  alternate?: string[],
];

const MOVIE_ROWS: MovieRow[] = [
  ['Dune', 1984, 18],
  ['Dune', 2021, 88],
  ['Interstellar', 2014, 95],
  ['Inception', 2010, 90],
  ['The Matrix', 1999, 85],
  ['The Matrix Resurrections', 2021, 40],
  ['Blade Runner', 1982, 50],
  ['Blade Runner 2049', 2017, 70],
  ['1917', 2019, 60],
  ['2001: A Space Odyssey', 1968, 45],
  ['Barbie', 2023, 80],
  ['Poor Things', 2023, 60],
  ['The Holdovers', 2023, 40],
  ['Anatomy of a Fall', 2023, 35, 'Anatomie d’une chute'],
  ['The Zone of Interest', 2023, 30],
  ['Killers of the Flower Moon', 2023, 55],
  ['Godzilla Minus One', 2023, 50, 'ゴジラ-1.0'],
  ['Godzilla', 2014, 45],
  ['Godzilla', 1954, 15, 'ゴジラ'],
  ['Little Women', 2019, 40],
  ['Little Women', 1994, 20],
  ['The Batman', 2022, 75],
  ['Batman', 1989, 35],
  ['Batman Begins', 2005, 50],
  ['The Dark Knight', 2008, 85],
  ['Everything Everywhere All at Once', 2022, 65],
  ['Parasite', 2019, 70, '기생충'],
  ['Das Boot', 1981, 20, 'Das Boot', ['The Boat']],
  ['Pan’s Labyrinth', 2006, 35, 'El laberinto del fauno'],
  ['Crouching Tiger, Hidden Dragon', 2000, 25, '臥虎藏龍'],
  ['The Lord of the Rings: The Fellowship of the Ring', 2001, 80],
  ['The Lord of the Rings: The Two Towers', 2002, 75],
  ['The Lord of the Rings: The Return of the King', 2003, 78],
  ['Top Gun', 1986, 40],
  ['Top Gun: Maverick', 2022, 80],
  ['Alien', 1979, 55],
  ['Aliens', 1986, 50],
  ['Alien: Romulus', 2024, 60],
  ['Gladiator', 2000, 70],
  ['Gladiator II', 2024, 65],
  ['Wicked', 2024, 70],
  ['Inside Out', 2015, 60],
  ['Inside Out 2', 2024, 75],
  ['Furiosa: A Mad Max Saga', 2024, 55],
  ['Mad Max: Fury Road', 2015, 70],
  ['Civil War', 2024, 45],
  ['Challengers', 2024, 40],
  ['The Wild Robot', 2024, 65],
  ['Conclave', 2024, 40],
  ['Anora', 2024, 35],
  ['The Substance', 2024, 55],
  ['Deadpool & Wolverine', 2024, 85],
  ['La La Land', 2016, 60],
  ['Whiplash', 2014, 55],
  ['Arrival', 2016, 60],
  ['Her', 2013, 40],
  ['The Godfather', 1972, 80],
  ['Spider-Man: Across the Spider-Verse', 2023, 75],
  ['Spider-Man: Into the Spider-Verse', 2018, 70],
  ['Fargo', 1996, 30],
  ['Heat', 1995, 45],
  ['Jaws', 1975, 45],
  ['My Neighbor Totoro', 1988, 50, 'となりのトトロ'],
  ['Princess Mononoke', 1997, 45, 'もののけ姫'],
  ['Howl’s Moving Castle', 2004, 50, 'ハウルの動く城'],
  ['The Boy and the Heron', 2023, 45, '君たちはどう生きるか'],
  ['Run Lola Run', 1998, 25, 'Lola rennt'],
  ['The Intouchables', 2011, 40, 'Intouchables'],
  ['Cinema Paradiso', 1988, 30, 'Nuovo Cinema Paradiso'],
  ['Drive', 2011, 45],
  ['Drive My Car', 2021, 25, 'ドライブ・マイ・カー'],
  ['Memento', 2000, 50],
  ['Tenet', 2020, 60],
  ['Amour', 2012, 20],
  ['The Grand Budapest Hotel', 2014, 55],
  ['No Country for Old Men', 2007, 50],
];

const SERIES_ROWS: SeriesRow[] = [
  ['The Office (US)', 2005, 90, 9, true, ['The Office']],
  ['The Office (UK)', 2001, 35, 2, true, ['The Office']],
  ['Breaking Bad', 2008, 95, 5, true],
  ['Better Call Saul', 2015, 70, 6, true],
  ['The Last of Us', 2023, 85, 2, false],
  ['House of the Dragon', 2022, 80, 2, false],
  ['Game of Thrones', 2011, 95, 8, true],
  ['Stranger Things', 2016, 88, 5, false],
  ['The Crown', 2016, 55, 6, true],
  ['Succession', 2018, 65, 4, true],
  ['Fargo', 2014, 55, 5, false],
  ['True Detective', 2014, 60, 4, false],
  ['The Wire', 2002, 60, 5, true],
  ['The Sopranos', 1999, 65, 6, true],
  ['Ted Lasso', 2020, 60, 3, false],
  ['The White Lotus', 2021, 65, 3, false],
  ['Andor', 2022, 60, 2, true],
  ['The Mandalorian', 2019, 75, 3, false],
  ['Money Heist', 2017, 60, 5, true, ['La casa de papel', 'Haus des Geldes']],
  ['Dark', 2017, 55, 3, true],
  ['Squid Game', 2021, 80, 3, true, ['오징어 게임']],
  ['Lupin', 2021, 40, 3, false],
  ['Shōgun', 1980, 10, 1, true, ['Shogun']],
  ['The Boys', 2019, 80, 4, false],
  ['Fallout', 2024, 75, 1, false],
  ['Arcane', 2021, 70, 2, true],
  ['Only Murders in the Building', 2021, 50, 4, false],
  ['Abbott Elementary', 2021, 45, 4, false],
  ['Hacks', 2021, 35, 3, false],
  ['The Penguin', 2024, 55, 1, true],
  ['Baby Reindeer', 2024, 45, 1, true],
  ['Ripley', 2024, 30, 1, true],
  ['Foundation', 2021, 45, 2, false],
  ['Silo', 2023, 55, 2, false],
  ['For All Mankind', 2019, 35, 4, false],
  ['Planet Earth', 2006, 40, 1, true],
  ['Planet Earth II', 2016, 40, 1, true],
  ['Battlestar Galactica', 2004, 45, 4, true],
  ['Battlestar Galactica', 1978, 15, 1, true],
  ['Sherlock', 2010, 60, 4, true],
  ['Bluey', 2018, 50, 3, false],
  ['The Expanse', 2015, 55, 6, true],
  ['Westworld', 2016, 45, 4, true],
  ['Mr. Robot', 2015, 50, 4, true],
  ['Chernobyl', 2019, 60, 1, true],
  ['The Witcher', 2019, 60, 4, false],
  ['The Lord of the Rings: The Rings of Power', 2022, 55, 2, false, ['The Rings of Power']],
  ['Yellowstone', 2018, 60, 5, true],
  ['Reacher', 2022, 65, 3, false],
  ['Dune: Prophecy', 2024, 50, 1, false],
  ['The Night Manager', 2016, 30, 2, false],
  ['Doctor Who', 2005, 55, 13, true],
  ['Doctor Who', 1963, 25, 26, true],
];

export const META_MOVIES: readonly MetaMovie[] = MOVIE_ROWS.map(([title, year, popularity, orig, alt], i) => ({
  title,
  year,
  tmdbId: 500_001 + i,
  popularity,
  ...(orig ? { originalTitle: orig } : {}),
  ...(alt ? { alternateTitles: alt } : {}),
}));

export const META_SERIES: readonly MetaSeries[] = SERIES_ROWS.map(
  ([title, year, popularity, seasons, ended, alt], i) => ({
    title,
    year,
    tvdbId: 600_001 + i,
    popularity,
    seasons,
    ended,
    ...(alt ? { alternateTitles: alt } : {}),
  }),
);

/** Overviews of the same-name titles, so a question can tell them apart (the other titles have none, as some do). */
export const META_OVERVIEWS: Readonly<Record<string, string>> = {
  'Dune|1984':
    'David Lynch’s adaptation: in the year 10191 Paul Atreides leads the desert people of Arrakis against the Emperor and House Harkonnen.',
  'Dune|2021':
    'Denis Villeneuve’s film: Paul Atreides, heir of a noble house, travels to the most dangerous planet in the universe to secure his family’s future.',
  'The Office (US)|2005':
    'A mockumentary about the employees of the Dunder Mifflin paper company in Scranton, Pennsylvania.',
  'The Office (UK)|2001': 'Ricky Gervais’s original mockumentary about the staff of a paper merchant in Slough.',
  'Fargo|1996': 'A car salesman hires two criminals to kidnap his wife; a pregnant police chief investigates.',
  'Fargo|2014':
    'An anthology series of crime stories, each season set in a different year around the American Midwest.',
};

/** Lower case, no accents, punctuation as spaces: how the lookup compares words. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * A metadata search like the real ones: every word of the term starts a word of one of the titles
 * (no spelling correction, as TMDB/TVDB do not correct either).
 */
export function lookupMatches(term: string, titles: ReadonlyArray<string | undefined>): boolean {
  const want = searchWords(term);
  if (want.length === 0) return false;
  return titles.some((t) => {
    if (!t) return false;
    const have = searchWords(t);
    return want.every((w) => have.some((h) => h.startsWith(w)));
  });
}
