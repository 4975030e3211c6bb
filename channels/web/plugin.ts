import { logLine, type ChannelPluginLike } from '../security';
import { mountWebChat } from './mount';

/** The web chat for `amtsweg serve`: the page at `/`, no configuration. */
export const webChatPlugin: ChannelPluginLike = {
  name: 'web',
  mount: (app) => mountWebChat(app, { log: logLine }),
};
