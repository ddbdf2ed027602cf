// Default Sonarr/Radarr settings (the values a fresh v4/v5 install ships with), kept as plain objects
// so PUT /config/* can replace them and GET reads them back.
import type { ArrApp } from '../world/model.js';

export type ConfigKind = 'mediamanagement' | 'naming' | 'downloadclient' | 'indexer';
export const CONFIG_KINDS: readonly ConfigKind[] = ['mediamanagement', 'naming', 'downloadclient', 'indexer'];
export type ArrConfigs = Record<ConfigKind, Record<string, unknown>>;

export function defaultArrConfigs(app: ArrApp): ArrConfigs {
  const isSonarr = app === 'sonarr';
  const mediamanagement: Record<string, unknown> = isSonarr
    ? {
        autoUnmonitorPreviouslyDownloadedEpisodes: false,
        recycleBin: '',
        recycleBinCleanupDays: 7,
        downloadPropersAndRepacks: 'preferAndUpgrade',
        createEmptySeriesFolders: false,
        deleteEmptyFolders: false,
        fileDate: 'none',
        rescanAfterRefresh: 'always',
        setPermissionsLinux: false,
        chmodFolder: '755',
        chownGroup: '',
        episodeTitleRequired: 'always',
        skipFreeSpaceCheckWhenImporting: false,
        minimumFreeSpaceWhenImporting: 100,
        copyUsingHardlinks: true,
        useScriptImport: false,
        scriptImportPath: '',
        importExtraFiles: false,
        extraFileExtensions: 'srt',
        enableMediaInfo: true,
        id: 1,
      }
    : {
        autoUnmonitorPreviouslyDownloadedMovies: false,
        recycleBin: '',
        recycleBinCleanupDays: 7,
        downloadPropersAndRepacks: 'preferAndUpgrade',
        createEmptyMovieFolders: false,
        deleteEmptyFolders: false,
        fileDate: 'none',
        rescanAfterRefresh: 'always',
        autoRenameFolders: false,
        pathsDefaultStatic: false,
        setPermissionsLinux: false,
        chmodFolder: '755',
        chownGroup: '',
        skipFreeSpaceCheckWhenImporting: false,
        minimumFreeSpaceWhenImporting: 100,
        copyUsingHardlinks: true,
        useScriptImport: false,
        scriptImportPath: '',
        importExtraFiles: false,
        extraFileExtensions: 'srt',
        enableMediaInfo: true,
        id: 1,
      };
  const naming: Record<string, unknown> = isSonarr
    ? {
        renameEpisodes: true,
        replaceIllegalCharacters: true,
        colonReplacementFormat: 4,
        customColonReplacementFormat: '',
        multiEpisodeStyle: 5,
        standardEpisodeFormat:
          '{Series TitleYear} - S{season:00}E{episode:00} - {Episode CleanTitle} [{Quality Full}]{[MediaInfo VideoCodec]}{-Release Group}',
        dailyEpisodeFormat: '{Series TitleYear} - {Air-Date} - {Episode CleanTitle} [{Quality Full}]{-Release Group}',
        animeEpisodeFormat:
          '{Series TitleYear} - S{season:00}E{episode:00} - {absolute:000} - {Episode CleanTitle} [{Quality Full}]{-Release Group}',
        seriesFolderFormat: '{Series TitleYear} [tvdbid-{TvdbId}]',
        seasonFolderFormat: 'Season {season:00}',
        specialsFolderFormat: 'Specials',
        id: 1,
      }
    : {
        renameMovies: true,
        replaceIllegalCharacters: true,
        colonReplacementFormat: 'smart',
        standardMovieFormat:
          '{Movie CleanTitle} ({Release Year}) {edition-{Edition Tags}} [{Quality Full}]{-Release Group}',
        movieFolderFormat: '{Movie CleanTitle} ({Release Year}) [tmdbid-{TmdbId}]',
        id: 1,
      };
  const downloadclient: Record<string, unknown> = isSonarr
    ? {
        downloadClientWorkingFolders: '_UNPACK_|_FAILED_',
        enableCompletedDownloadHandling: true,
        autoRedownloadFailed: true,
        autoRedownloadFailedFromInteractiveSearch: true,
        id: 1,
      }
    : {
        downloadClientWorkingFolders: '_UNPACK_|_FAILED_',
        enableCompletedDownloadHandling: true,
        checkForFinishedDownloadInterval: 1,
        autoRedownloadFailed: true,
        autoRedownloadFailedFromInteractiveSearch: true,
        id: 1,
      };
  const indexer: Record<string, unknown> = isSonarr
    ? { minimumAge: 0, retention: 0, maximumSize: 0, rssSyncInterval: 15, id: 1 }
    : {
        minimumAge: 0,
        maximumSize: 0,
        retention: 0,
        rssSyncInterval: 60,
        preferIndexerFlags: false,
        availabilityDelay: 0,
        allowHardcodedSubs: false,
        whitelistedHardcodedSubs: '',
        id: 1,
      };
  return { mediamanagement, naming, downloadclient, indexer };
}
