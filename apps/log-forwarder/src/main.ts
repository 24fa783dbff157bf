// Composition root of the log-forwarder the runtime ships every process's logs to. It prints one
// ready line (its ports) on stdout and nothing else: the supervisor parses it.
import { runForwarderProcess } from '@paybench/platform-log-forwarder';

void runForwarderProcess();
