import { existsSync } from 'node:fs';
import { logLine, type ChannelPluginLike } from '../security';
import { mountWebChat } from './mount';

/**
 * The web chat for `amtsweg serve`: the page at `/`, the widget at `/assets/widget.js`.
 * Branding from `AMTSWEG_BRANDING` (a YAML file), else `./branding.yaml` when present.
 */
export const webChatPlugin: ChannelPluginLike = {
  name: 'web',
  mount: (app, ctx) => {
    const file = ctx.env.AMTSWEG_BRANDING || (existsSync('branding.yaml') ? 'branding.yaml' : undefined);
    mountWebChat(app, { log: logLine, brandingFile: file });
  },
};
