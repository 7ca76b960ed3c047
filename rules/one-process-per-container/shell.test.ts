// The shell reader on the scripts containers really run: what it splits into statements, what it sends to
// the background, which words it sees, and what it refuses to read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShell, tokenize, type Command, type Statement } from './shell.js';

/** A compact picture of a parsed script: `&` marks background statements, `&&`/`||`/`|` join commands. */
function outline(list: readonly Statement[]): string {
  return list
    .map((statement) => {
      const text = statement.pipelines
        .map((pipeline) => (pipeline.negated ? '! ' : '') + pipeline.commands.map(outlineCommand).join(' | '))
        .reduce((line, pipeline, index) => (index === 0 ? pipeline : `${line} ${statement.operators[index - 1]} ${pipeline}`), '');
      return statement.background ? `${text} &` : text;
    })
    .join('; ');
}

function outlineCommand(command: Command): string {
  switch (command.type) {
    case 'simple':
      return [...command.assignments.map((word) => word.value), ...command.words.map((word) => word.value)].join(' ');
    case 'subshell':
      return `( ${outline(command.body)} )`;
    case 'group':
      return `{ ${outline(command.body)} }`;
    case 'if':
      return `if[${command.branches.map((branch) => `${outline(branch.condition)} ? ${outline(branch.body)}`).join(' | ')}${command.otherwise ? ` : ${outline(command.otherwise)}` : ''}]`;
    case 'while':
    case 'until':
      return `${command.type}[${outline(command.condition)} : ${outline(command.body)}]`;
    case 'for':
      return `for${command.infinite ? '(;;)' : ''}[${outline(command.body)}]`;
    case 'case':
      return `case[${command.arms.map(outline).join(' | ')}]`;
    case 'function':
      return `${command.name}()=${outlineCommand(command.body)}`;
    case 'test':
      return 'test';
  }
}

function parsed(script: string): string {
  const list = parseShell(script);
  assert.ok(list, `should parse: ${JSON.stringify(script)}`);
  return outline(list);
}

describe('shell reader: operators and lists', () => {
  const cases: [string, string][] = [
    ['a & b', 'a &; b'],
    ['a&b', 'a &; b'],
    ['a && b || c', 'a && b || c'],
    ['a; b\nc', 'a; b; c'],
    ['a | b | c', 'a | b | c'],
    ['a |& b', 'a | b'],
    ['a &\nwait', 'a &; wait'],
    ['a && b &', 'a && b &'],
    ['! a', '! a'],
    ['a &&\n  b', 'a && b'],
    ['a |\n  b', 'a | b'],
    ['a \\\n  --flag', 'a --flag'],
    ['time a', 'a'],
    ['X=1 Y=2 a b', 'X=1 Y=2 a b'],
    ['X=1', 'X=1'],
  ];
  for (const [script, expected] of cases) {
    it(JSON.stringify(script), () => assert.equal(parsed(script), expected));
  }
  it('refuses an operator where a command belongs', () => {
    assert.equal(parseShell('a;;'), undefined);
    assert.equal(parseShell('&& a'), undefined);
    assert.equal(parseShell('a | '), undefined);
    assert.equal(parseShell(')'), undefined);
  });
});

describe('shell reader: redirections never look like background jobs', () => {
  const cases: [string, string][] = [
    ['a 2>&1', 'a'],
    ['a >/dev/null 2>&1 &', 'a &'],
    ['a &>/dev/null', 'a'],
    ['a &>> log; b', 'a; b'],
    ['a 2>&1 | tee log', 'a | tee log'],
    ['a < in > out', 'a'],
    ['exec >/proc/1/fd/1 2>&1', 'exec'],
    ['a <<< "x & y"', 'a'],
    ['a >| file', 'a'],
    ['diff <(a) >(b)', 'diff <(a) >(b)'],
  ];
  for (const [script, expected] of cases) it(JSON.stringify(script), () => assert.equal(parsed(script), expected));
});

describe('shell reader: quotes, escapes and expansions', () => {
  const cases: [string, string][] = [
    ["nginx -g 'daemon off;'", 'nginx -g daemon off;'],
    ['echo "a & b; c | d"', 'echo a & b; c | d'],
    ['echo a\\&b', 'echo a&b'],
    ['echo "say \\"hi\\" \\$HOME"', 'echo say "hi" $HOME'],
    ["echo $'tab\\there'", 'echo tab\there'],
    ['echo "$(a & b)"', 'echo $(a & b)'],
    ['echo $(a; b) `c & d`', 'echo $(a; b) `c & d`'],
    ['echo ${X:-a;b} ${#Y}', 'echo ${X:-a;b} ${#Y}'],
    ['echo $((1 + 2)) $$ $! $? $@', 'echo $((1 + 2)) $$ $! $? $@'],
    ['echo "$(echo ")")"', 'echo $(echo ")")'],
    ['x=$(cat <<EOF\nhi\nEOF\n)', 'x=$(cat <<EOF\nhi\nEOF\n)'],
    ["echo 'it''s'", 'echo its'],
    ['a # comment & b\nc', 'a; c'],
    ['echo a#b', 'echo a#b'],
    ['items=(foo bar baz)\necho ${items[1]}', 'items=(foo bar baz); echo ${items[1]}'],
    ['shopt -s extglob; ls @(a|b)', 'shopt -s extglob; ls @(a|b)'],
    ['echo {a,b}', 'echo {a,b}'],
    ['a\r\nb\r\n', 'a; b'],
  ];
  for (const [script, expected] of cases) it(JSON.stringify(script), () => assert.equal(parsed(script), expected));

  it('keeps the quoted-ness and expansions of each word', () => {
    const list = parseShell('exec "$@" plain')!;
    const words = (list[0]!.pipelines[0]!.commands[0] as { words: { value: string; quoted: boolean; expansion: boolean }[] }).words;
    assert.deepEqual(
      words.map((word) => [word.value, word.quoted, word.expansion]),
      [
        ['exec', false, false],
        ['$@', true, true],
        ['plain', false, false],
      ],
    );
  });

  it('refuses unterminated quotes and expansions', () => {
    for (const script of ["echo 'a", 'echo "a', 'echo $(a', 'echo ${a', 'echo `a', "echo $'a"]) assert.equal(parseShell(script), undefined, script);
  });

  it('refuses a script nested 100,000 levels deep instead of overflowing the stack', () => {
    const depth = 100_000;
    for (const script of [`echo ${'$('.repeat(depth)}x${')'.repeat(depth)}`, `${'{ '.repeat(depth)}x; ${'}; '.repeat(depth)}`, `${'( '.repeat(depth)}x${' )'.repeat(depth)}`]) {
      assert.equal(parseShell(script), undefined, script.slice(0, 20));
    }
  });
});

describe('shell reader: heredocs', () => {
  it('skips a heredoc body, operators and all', () => assert.equal(parsed('cat <<EOF > conf\na & b\nEOF\nexec app'), 'cat; exec app'));
  it('reads a quoted delimiter', () => assert.equal(parsed("cat <<'END'\n$x & y\nEND\nb"), 'cat; b'));
  it('strips leading tabs with <<-', () => assert.equal(parsed('cat <<-EOF\n\ta & b\n\tEOF\nc'), 'cat; c'));
  it('reads two heredocs on one line', () => assert.equal(parsed('a <<A; b <<B\n1 & 2\nA\n3 & 4\nB\nc'), 'a; b; c'));
  it('ends an unterminated heredoc at the end of the script', () => assert.equal(parsed('cat <<EOF\na & b'), 'cat'));
});

describe('shell reader: compound commands', () => {
  const cases: [string, string][] = [
    ['(a & b)', '( a &; b )'],
    ['(a; b) &', '( a; b ) &'],
    ['{ a; b; } &', '{ a; b } &'],
    ['{ a\n}', '{ a }'],
    ['if [ -f x ]; then a; elif b; then c; else d & fi', 'if[[ -f x ] ? a | b ? c : d &]'],
    ['if a\nthen\n  b\nfi', 'if[a ? b]'],
    ['while true; do a; sleep 1; done', 'while[true : a; sleep 1]'],
    ['while :; do a; done &', 'while[: : a] &'],
    ['until curl -s x; do sleep 1; done', 'until[curl -s x : sleep 1]'],
    ['for i in 1 2 3; do w $i & done; wait', 'for[w $i &]; wait'],
    ['for i; do a; done', 'for[a]'],
    ['for ((;;)); do a; done', 'for(;;)[a]'],
    ['for ((i=0; i<3; i++)); do a; done', 'for[a]'],
    ['select x in a b; do c; done', 'for(;;)[c]'],
    ['case "$1" in\n  start|run) exec a ;;\n  (stop) b;;\n  *) c\nesac', 'case[exec a | b | c]'],
    ['case x in esac', 'case[]'],
    ['f() { a & }; f', 'f()={ a & }; f'],
    ['function g { b; }\ng', 'g()={ b }; g'],
    ['function h() ( c )', 'h()=( c )'],
    ['[[ -f a && $x =~ ^(a|b)$ ]] && exec c', 'test && exec c'],
    ['((i++)); ((n > 1)) && a', 'test; test && a'],
    ['(( (a + 1) * (b) )); c', 'test; c'],
    ['((a); (b)) && c', '( ( a ); ( b ) ) && c'],
    ['while read line; do echo "$line"; done < file', 'while[read line : echo $line]'],
    ['if a; then b; fi > log 2>&1 &', 'if[a ? b] &'],
    ['echo done; echo fi', 'echo done; echo fi'],
  ];
  for (const [script, expected] of cases) it(JSON.stringify(script), () => assert.equal(parsed(script), expected));

  it('refuses unclosed compounds', () => {
    for (const script of ['if a; then b', 'while a; do b', '{ a;', '(a', 'case x in a) b', 'for i in 1; a; done', 'fi']) {
      assert.equal(parseShell(script), undefined, script);
    }
  });
});

describe('shell reader: scripts from real manifests', () => {
  it('reads the Kubernetes docs mysql xtrabackup script', () => {
    const script = [
      'set -ex',
      'cd /var/lib/mysql',
      'if [[ -f xtrabackup_slave_info && "x$(<xtrabackup_slave_info)" != "x" ]]; then',
      "  cat xtrabackup_slave_info | sed -E 's/;$//g' > change_master_to.sql.in",
      '  rm -f xtrabackup_slave_info xtrabackup_binlog_info',
      'elif [[ -f xtrabackup_binlog_info ]]; then',
      '  [[ `cat xtrabackup_binlog_info` =~ ^(.*?)[[:space:]]+(.*?)$ ]] || exit 1',
      '  echo "CHANGE MASTER TO MASTER_LOG_FILE=\'${BASH_REMATCH[1]}\',\\',
      '        MASTER_LOG_POS=${BASH_REMATCH[2]}" > change_master_to.sql.in',
      'fi',
      'if [[ -f change_master_to.sql.in ]]; then',
      '  until mysql -h 127.0.0.1 -e "SELECT 1"; do sleep 1; done',
      '  mysql -h 127.0.0.1 \\',
      '        -e "$(<change_master_to.sql.in), MASTER_CONNECT_RETRY=10; START SLAVE;" || exit 1',
      '  mv change_master_to.sql.in change_master_to.sql.orig',
      'fi',
      'exec ncat --listen --keep-open --send-only --max-conns=1 3307 -c \\',
      '  "xtrabackup --backup --slave-info --stream=xbstream --host=127.0.0.1 --user=root"',
    ].join('\n');
    const list = parseShell(script);
    assert.ok(list);
    assert.equal(list.length, 5);
    assert.match(outline(list.slice(-1)), /^exec ncat --listen .* -c xtrabackup --backup/);
  });

  it('reads a bash -ecx script with arrays and command substitutions', () => {
    const script = 'CRARGS=("start" "--logtostderr" "--host" "$(hostname -f)")\nif [ ! "$(hostname)" == "cockroachdb-0" ] || \\\n   [ -e "/cockroach/cockroach-data/cluster_exists_marker" ]\nthen\n  CRARGS+=("--join" "cockroachdb-public")\nfi\nexec /cockroach/cockroach ${CRARGS[*]}';
    assert.equal(outline(parseShell(script)!.slice(-1)), 'exec /cockroach/cockroach ${CRARGS[*]}');
  });

  it('reads a retry loop with an awk program in single quotes', () => {
    const script = "for i in $(seq 1 $MAX_RETRIES); do\n  STATUSCODE=$(wget --server-response http://${FRONTEND_ADDR} 2>&1 | awk '/^  HTTP/{print $2}')\n  if [ $STATUSCODE -eq 200 ]; then\n      exit 0\n  fi\n  sleep $RETRY_INTERVAL\ndone\nexit 1";
    assert.equal(outline(parseShell(script)!), 'for[STATUSCODE=$(wget --server-response http://${FRONTEND_ADDR} 2>&1 | awk \'/^  HTTP/{print $2}\'); if[[ $STATUSCODE -eq 200 ] ? exit 0]; sleep $RETRY_INTERVAL]; exit 1');
  });

  it('gives each token its offsets in the script', () => {
    const tokens = tokenize('a && b');
    assert.deepEqual(
      tokens.map((token) => (token.kind === 'word' ? [token.word.start, token.word.end] : [token.start, token.end])),
      [
        [0, 1],
        [2, 4],
        [5, 6],
      ],
    );
  });
});
