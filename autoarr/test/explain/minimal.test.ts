// What may leave the machine in an explanation: secrets masked, links dropped, folder paths cut to their last part.
import { describe, expect, it } from 'vitest';
import { minimal } from '../../src/explain/minimal.js';
import { registerSecret } from '../../src/log/redact.js';

describe('minimal', () => {
  it('keeps names and words, drops links and folder layouts, masks secrets', () => {
    registerSecret('k3y-for-minimal-test');
    const text = minimal(
      'No files found are eligible for import in /data/usenet/complete/Severance.S02E03 — see ' +
        'http://sonarr.lan:8989/queue?apikey=abc and C:\\Downloads\\done\\Dune.2021 (key k3y-for-minimal-test)',
    );
    expect(text).toBe(
      'No files found are eligible for import in …/Severance.S02E03 — see (link) and …\\Dune.2021 (key ***)',
    );
    expect(minimal('Not an upgrade for existing movie file. Existing quality: Bluray-1080p.')).toBe(
      'Not an upgrade for existing movie file. Existing quality: Bluray-1080p.',
    );
    // A one-part path names no layout; "1/2" and "S01/E02" in a title are not paths.
    expect(minimal('root /movies, 1/2 done')).toBe('root /movies, 1/2 done');
    // A mapping names its last folder on each side, never the layout above it.
    expect(minimal('sabnzbd:/config/Downloads/ → /downloads/')).toBe('sabnzbd:…/Downloads/ → /downloads/');
  });

  it('is short, and empty stays empty', () => {
    expect(minimal('x'.repeat(1_000), 50)).toHaveLength(50);
    expect(minimal(undefined)).toBe('');
  });
});
