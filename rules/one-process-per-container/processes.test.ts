// Which scripts start several long-running processes, and which only look as if they might: every decision
// written at the top of processes.ts has a case here, in both directions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandLine, locateScript } from './argv.js';
import { classifyCommand } from './commands.js';
import { analyzeProgram, analyzeScript } from './processes.js';

function processes(script: string, runsToCompletion = false): string {
  const finding = analyzeScript(script, { runsToCompletion });
  return finding ? `${finding.kind}: ${finding.processes.join(', ')}` : 'one';
}

describe('several long-running processes', () => {
  const cases: [string, string][] = [
    ['a & b', 'concurrent: a, b'],
    ['a &\nb', 'concurrent: a, b'],
    ['a & b & wait', 'concurrent: a, b'],
    ['a & b &', 'concurrent: a, b'],
    ['airflow scheduler & exec airflow webserver', 'concurrent: airflow, airflow'],
    ["socat TCP-LISTEN:8080,fork TCP:localhost:80 & exec nginx -g 'daemon off;'", 'concurrent: socat, nginx'],
    ['(crontab /etc/cron.d/jobs && crond -f) & exec app', 'concurrent: crond, app'],
    ['a & disown; exec b', 'concurrent: a, b'],
    ['proxy & exec app', 'concurrent: proxy, app'],
    ['nohup worker > /dev/null 2>&1 &\nexec gunicorn app:app', 'concurrent: worker, gunicorn'],
    ["php-fpm -D && nginx -g 'daemon off;'", 'concurrent: php-fpm, nginx'],
    ["php-fpm & nginx -g 'daemon off;'", 'concurrent: php-fpm, nginx'],
    ["php-fpm -D & exec nginx -g 'daemon off;'", 'concurrent: php-fpm, nginx'],
    ['php-fpm -D; nginx', 'concurrent: php-fpm, nginx'],
    ["service cron start && exec nginx -g 'daemon off;'", 'concurrent: cron, nginx'],
    ['/etc/init.d/ssh start; exec app', 'concurrent: ssh, app'],
    ['service mysql start; service redis-server start; sleep infinity', 'concurrent: mysql, redis-server'],
    ['service nginx start && tail -f /var/log/nginx/access.log', 'concurrent: nginx, tail'],
    ['crond && exec httpd -DFOREGROUND', 'concurrent: crond, httpd'],
    ['/usr/sbin/sshd && exec app', 'concurrent: sshd, app'],
    ['redis-server --daemonize yes && exec node server.js', 'concurrent: redis-server, node server.js'],
    ['mongod --fork --logpath /var/log/mongod.log && exec node app.js', 'concurrent: mongod, node app.js'],
    ['redis-server & sleep 2; redis-cli set a 1; exec app', 'concurrent: redis-server, app'],
    ['for i in 1 2 3; do worker $i & done; wait', 'concurrent: worker, worker'],
    ['(while true; do rotate-logs; sleep 3600; done) & exec nginx', 'concurrent: a loop running rotate-logs, nginx'],
    ['while true; do date >> /log/heartbeat; sleep 60; done &\nexec app', 'concurrent: a background loop, app'],
    ['app & while true; do check-health; sleep 30; done', 'concurrent: app, check-health'],
    ['start() { a & }; start; exec b', 'concurrent: a, b'],
    ['bash -c "a & b"', 'concurrent: a, b'],
    ["sh -c 'x &'; exec y", 'concurrent: x, y'],
    ['gosu app sh -c "a & b"', 'concurrent: a, b'],
    ['a 2>&1 &>/dev/null & exec b', 'concurrent: a, b'],
    ['exec a & b', 'concurrent: a, b'],
    ['{ a; b; } & exec c', 'concurrent: a, c'],
    ['if [ "$MODE" = all ]; then worker & fi\nexec web', 'concurrent: worker, web'],
    ['pm2 start a.js && pm2 start b.js && pm2 logs', 'concurrent: pm2 app a.js, pm2 app b.js'],
    ['supervisord -n', 'manager: supervisord'],
    ['exec /usr/bin/supervisord -c /etc/supervisor/supervisord.conf', 'manager: supervisord'],
    ['envsubst < t > c; exec s6-svscan /etc/services', 'manager: s6-svscan'],
    ['exec runsvdir -P /etc/service', 'manager: runsvdir'],
    ['pm2-runtime ecosystem.config.js', 'manager: pm2-runtime ecosystem.config.js'],
    ['pm2-runtime start process.yml --env production', 'manager: pm2-runtime process.yml'],
    ['pm2-runtime start api.js worker.js', 'manager: pm2-runtime api.js worker.js'],
    ['pm2 start ecosystem.config.js && pm2 logs', 'manager: pm2 ecosystem.config.js'],
    ['forego start', 'manager: forego start'],
    ['honcho start -f Procfile', 'manager: honcho start'],
    ['exec overmind start', 'manager: overmind start'],
    ['npx concurrently "npm:api" "npm:worker"', 'manager: concurrently'],
    ['npm-run-all --parallel api worker', 'manager: npm-run-all'],
  ];
  for (const [script, expected] of cases) it(JSON.stringify(script), () => assert.equal(processes(script), expected));
});

describe('one long-running process', () => {
  const cases: string[] = [
    'a && b && exec c',
    'set -e\ntrap "echo bye" EXIT\nexec app',
    "nginx -g 'daemon off;'",
    "exec nginx -g 'daemon off;'",
    'envsubst < /t > /etc/nginx/conf.d/default.conf && nginx',
    'a & wait',
    'app & pid=$!\ntrap "kill -TERM $pid" TERM INT\nwait $pid',
    "trap 'kill -TERM $PID' TERM INT\n/app & PID=$!\nwait $PID\ntrap - TERM INT\nwait $PID\nEXIT_STATUS=$?",
    '/docker-entrypoint.sh postgres & sleep 5; psql -f /init.sql; wait',
    "export; trap 'exit 0' TERM; sleep 9999 & wait",
    'sleep 9999 & wait',
    'proxy & migrate; kill $!',
    'cloud_sql_proxy -instances=x=tcp:5432 & PID=$!\npython manage.py migrate\nkill $PID',
    'nohup x &',
    'nginx & tail -f /dev/null',
    'service nginx start && sleep infinity',
    'app & while true; do sleep 60; done',
    'app & tail -f /dev/null',
    'app & while kill -0 $!; do sleep 1; done',
    'sleep 10 && curl -X POST localhost/register & exec app',
    '(sleep 5; curl -fsS localhost:8080/warmup) & exec app',
    'tail -F /var/log/raw.log | while read line; do echo "adapted: $line"; done',
    'i=0; while true; do\n  echo "$i: $(date)" >> /var/log/1.log;\n  i=$((i+1));\n  sleep 1;\ndone\n',
    'while true; do echo hello; sleep 10; done',
    'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600',
    'if [ -f x ]; then a & else b & fi; wait',
    'case $1 in start) exec a;; *) exec b;; esac',
    'until curl -s localhost:8080; do sleep 1; done; exec app',
    'cat <<EOF > conf\na & b\nEOF\nexec app',
    "echo 'a & b'; exec app",
    'echo "$(a & b)"; exec app',
    'x=$(a & b); exec app',
    '[[ -f a && -f b ]] && exec app',
    'crond -f',
    'exec /usr/sbin/sshd -D -e',
    'php-fpm -D; php-fpm -t',
    'nginx -t && nginx -s reload',
    'service postgresql start && psql -f init.sql && service postgresql stop && exec app',
    'pg_ctl -D /data -w start && psql -c "select 1" && pg_ctl -D /data -w stop && exec postgres -D /data',
    'pm2-runtime start app.js',
    'pm2 start app.js && pm2 logs',
    'exec "$@"',
    'exec > >(tee /var/log/x) 2>&1; exec app',
    'source /etc/profile && exec /usr/bin/newrelic-infra',
    'command -v curl && exec app',
    'timeout 30 a & exec b',
    'exec ncat --listen --keep-open --send-only 3307 -c "xtrabackup --backup"',
    'for f in /docker-entrypoint.d/*.sh; do . "$f"; done; exec "$@"',
    'honcho run python manage.py migrate && exec gunicorn app:app',
    "a 'unterminated",
  ];
  for (const script of cases) it(JSON.stringify(script), () => assert.equal(processes(script), 'one'));
});

describe('long scripts', () => {
  // Each statement once asked every later one whether it kills processes: 20,000 heredocs ran past two minutes.
  it('read 20,000 statements, a kill at the end still seen by the helpers before it', () => {
    const statements = Array.from({ length: 20_000 }, (_, index) => `cat <<EOF${index} > /tmp/${index}\nx\nEOF${index}`);
    assert.equal(processes(statements.join('\n')), 'one');
    assert.equal(processes(`${statements.join('\n')}\nhelper &\nserver\nkill %1`), 'one');
    assert.equal(processes(`${statements.join('\n')}\nhelper &\nserver`), 'concurrent: helper, server');
  });

  // Each call walked its function's body again: `f() { f; f; ... }` of 249 characters took 35 s, and more calls
  // took hours.
  it('follow a function that calls itself only once', () => {
    assert.equal(processes(`f() { ${'f; '.repeat(400)}}\nf`), 'one');
    assert.equal(processes('f() { worker & f; }\nf\nexec app'), 'concurrent: worker, app');
  });

  it('stop following calls when functions call each other over and over, keeping what was seen', () => {
    const chain = Array.from({ length: 3 }, (_, level) => `f${level}() { ${`f${level + 1}; `.repeat(100)}}`).join('\n');
    assert.equal(processes(`${chain}\nf3() { :; }\nf0\nexec app`), 'one');
    assert.equal(processes(`${chain}\nf3() { worker & }\nf0\nexec app`), 'concurrent: worker, worker');
  });

  // Each `((` was matched by reading the rest of the script: 32,000 of them took time by the square.
  it('read thousands of unclosed parentheses', () => {
    assert.equal(processes('('.repeat(100_000)), 'one');
    assert.equal(processes(`a ${'(( '.repeat(50_000)}`), 'one');
  });

  // An interpreter's version was taken off its name with /[\d.]+$/, which read a run of digits to its end again at
  // each digit: 15 s for a name of 100,000 digits and a letter.
  it('name interpreters with their script, whatever their version, and read a name of 100,000 digits', () => {
    assert.deepEqual(
      [['python3.12', 'worker.py'], ['node20', '--inspect', 'app.js'], ['python', 'app.py'], ['pythonista', 'x.py']].map((words) => classifyCommand(words)?.command),
      [
        { kind: 'program', name: 'python3.12 worker.py' },
        { kind: 'program', name: 'node20 app.js' },
        { kind: 'program', name: 'python app.py' },
        { kind: 'program', name: 'pythonista' },
      ],
    );
    const digits = `${'9'.repeat(100_000)}x`;
    assert.deepEqual(classifyCommand([digits, 'a'])?.command, { kind: 'program', name: digits });
  });
});

describe('pods that run to completion', () => {
  it('treat the final command as a task', () => assert.equal(processes('proxy & exec migrate', true), 'one'));
  it('still count two background processes', () => assert.equal(processes('a & b & wait', true), 'concurrent: a, b'));
  it('still count two daemons', () => assert.equal(processes('service postgresql start; service redis-server start; exec pytest', true), 'concurrent: postgresql, redis-server'));
  it('still count a process manager', () => assert.equal(processes('supervisord', true), 'manager: supervisord'));
});

describe('commands run directly (no shell)', () => {
  const cases: [string[], string][] = [
    [['supervisord', '-n', '-c', '/etc/supervisord.conf'], 'supervisord'],
    [['/usr/bin/supervisord'], 'supervisord'],
    [['s6-svscan', '/etc/s6'], 's6-svscan'],
    [['pm2-runtime', 'ecosystem.config.js'], 'pm2-runtime ecosystem.config.js'],
    [['forego', 'start', '-r'], 'forego start'],
  ];
  for (const [words, manager] of cases) it(words.join(' '), () => assert.deepEqual(analyzeProgram(words), { kind: 'manager', processes: [manager] }));
  for (const words of [['nginx', '-g', 'daemon off;'], ['pm2-runtime', 'app.js'], ['forego', 'run', 'x'], ['/app/server', '--port=8080']]) {
    it(`${words.join(' ')} is one program`, () => assert.equal(analyzeProgram(words), undefined));
  }
});

describe('finding the script in command and args', () => {
  const located = (container: Record<string, unknown>) => {
    const line = commandLine(container)!;
    const result = locateScript(line, Array.isArray(container.command));
    return result && { ...result, origin: line.origins[result.wordIndex] };
  };
  it('command: [sh, -c, script]', () => assert.deepEqual(located({ command: ['sh', '-c', 'a & b'] })?.origin, { field: 'command', index: 2 }));
  it('command: [/bin/sh, -c] with the script in args', () => assert.deepEqual(located({ command: ['/bin/sh', '-c'], args: ['a & b'] })?.origin, { field: 'args', index: 0 }));
  it('command: [bash] with -c in args', () => assert.deepEqual(located({ command: ['bash'], args: ['-c', 'a & b'] })?.origin, { field: 'args', index: 1 }));
  it('args: [/bin/sh, -c, script] without a command', () => assert.deepEqual(located({ args: ['/bin/sh', '-c', 'a & b'] })?.origin, { field: 'args', index: 2 }));
  it('args: [-c, script] without a command', () => assert.deepEqual(located({ args: ['-c', 'a & b'] })?.origin, { field: 'args', index: 1 }));
  it('option clusters: bash -exc, sh -o pipefail -c', () => {
    assert.deepEqual(located({ command: ['/bin/bash', '-exc', 'x'] })?.origin, { field: 'command', index: 2 });
    assert.deepEqual(located({ command: ['bash', '-o', 'pipefail', '-c', 'x'] })?.origin, { field: 'command', index: 4 });
    assert.deepEqual(located({ command: ['bash', '--login', '-c', 'x'] })?.origin, { field: 'command', index: 3 });
  });
  it('behind wrappers: tini --, /usr/bin/env, dumb-init', () => {
    assert.deepEqual(located({ command: ['tini', '--', 'sh', '-c', 'x'] })?.origin, { field: 'command', index: 4 });
    assert.deepEqual(located({ command: ['/usr/bin/env', 'bash', '-c', 'x'] })?.origin, { field: 'command', index: 3 });
    assert.deepEqual(located({ command: ['dumb-init', '--single-child', '--', '/bin/sh', '-c'], args: ['x'] })?.origin, { field: 'args', index: 0 });
  });
  it('a script file is not read', () => assert.equal(located({ command: ['sh', '/start.sh'] })?.kind, 'program'));
  it('a program is located by its word', () => assert.deepEqual(located({ command: ['tini', '--'], args: ['supervisord'] }), { kind: 'program', wordIndex: 2, origin: { field: 'args', index: 0 } }));
});

describe('command classification', () => {
  const kinds: [string[], string][] = [
    [['exec', 'nohup', 'nice', '-n', '5', 'app'], 'program'],
    [['su-exec', 'app', 'server'], 'program'],
    [['env', 'A=1', 'B=2', 'server'], 'program'],
    [['timeout', '-s', 'KILL', '30', 'server'], 'step'],
    [['sleep', 'infinity'], 'idle'],
    [['tail', '-f', '/dev/null'], 'idle'],
    [['tail', '-n+1', '-F', '/var/log/app.log'], 'program'],
    [['tail', '-n', '5', 'file'], 'step'],
    [['kill', '-0', '1'], 'step'],
    [['kill', '%1'], 'kill'],
    [['service', 'nginx', 'stop'], 'stop'],
    [['systemctl', 'start', 'docker'], 'daemon'],
    [['apachectl', '-D', 'FOREGROUND'], 'program'],
    [['httpd', '-k', 'start'], 'daemon'],
    [['su', '-', 'postgres', '-c', 'pg_ctl start'], 'shell'],
    [['runuser', '-u', 'app', '--', 'server'], 'program'],
    [['busybox', 'sh', '-c', 'x'], 'shell'],
    [['npm', 'install'], 'step'],
    [['npm', 'start'], 'program'],
  ];
  for (const [words, kind] of kinds) it(words.join(' '), () => assert.equal(classifyCommand(words)?.command.kind, kind));
});
