using System.Threading.Tasks;
using PoolSample;

// Pool: 4 worker processes, 2,000 tasks at two priorities, a keyed single-instance process
// launched 50 times, and one worker killed with SIGKILL midway. Exits 0 when every result is
// right, the high-priority tasks finished first on average, and each key ran once.
//   Pool                                  run the demo (it starts its workers from this program)
//   Pool --worker --pipe NAME --store DIR be one of those workers
return args is ["--worker", ..] ? await WorkerRole.RunAsync(args) : await Demo.RunAsync();
