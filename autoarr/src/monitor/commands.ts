// The monitor's commands on the one command path (MQTT, HA, REST, UI, MCP all come through here).
import type { CommandRegistry } from '../core/commands.js';
import type { MonitorControl } from './monitor.js';

export function registerMonitorCommands(commands: CommandRegistry, m: MonitorControl): Array<() => void> {
  return [
    commands.register('download.retry', ({ id, by }) => m.retry(id, by)),
    commands.register('download.ignore', ({ id, ignored, by }) => m.ignore(id, ignored, by)),
    commands.register('download.remove', ({ id, blocklist, by }) => m.remove(id, blocklist, by)),
    commands.register('monitor.retry_stalled', ({ by }) => m.retryStalled(by)),
  ];
}
