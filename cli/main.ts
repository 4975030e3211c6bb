/** Entry of the `amtsweg` command (bin/amtsweg.js loads it through tsx). */
import { runCli } from './program';

void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
