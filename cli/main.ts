/** Entry of the `amtsweg` command (bin/amtsweg.js loads it through tsx). */
import { runCli } from './program';
import { endQuietlyOnClosedPipe } from './pipe';

endQuietlyOnClosedPipe(process.stdout);
endQuietlyOnClosedPipe(process.stderr);

void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
