
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'bdctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'bdctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'bdctl' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved configuration and where each value comes from')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented bdctl.toml (interactive on a terminal)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check configuration, credentials and the configured resources')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send synthetic or real events into the delivery stream')
            [CompletionResult]::new('transform', 'transform', [CompletionResultType]::ParameterValue, 'Turn raw objects into Parquet partitions, in this process')
            [CompletionResult]::new('backfill', 'backfill', [CompletionResultType]::ParameterValue, 'Transform a range of days again, skipping what is complete')
            [CompletionResult]::new('crawl', 'crawl', [CompletionResultType]::ParameterValue, 'Bring the catalog''s table and partitions in line with the transformed lake')
            [CompletionResult]::new('partitions', 'partitions', [CompletionResultType]::ParameterValue, 'List the lake''s date partitions, or add the ones the catalog lacks')
            [CompletionResult]::new('compact', 'compact', [CompletionResultType]::ParameterValue, 'Rewrite each day''s small Parquet files into a few large ones, sorted by event time')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run SQL: Athena on aws, the embedded engine on local')
            [CompletionResult]::new('sql', 'sql', [CompletionResultType]::ParameterValue, 'An interactive SQL shell: history, multi-line statements, completion from the catalog')
            [CompletionResult]::new('warehouse', 'warehouse', [CompletionResultType]::ParameterValue, 'Redshift beside the lake: load days into a table, or read the lake in place (Spectrum)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the whole pipeline on the embedded local platform, with example queries')
            [CompletionResult]::new('pipeline', 'pipeline', [CompletionResultType]::ParameterValue, 'One day of the platform as a Step Functions workflow: deploy it, run a day, list runs')
            [CompletionResult]::new('lifecycle', 'lifecycle', [CompletionResultType]::ParameterValue, 'Plan, apply or show the storage lifecycle rules (expiration, transitions)')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Install bdctl''s transform on the platform''s compute: the Lambda function, the Glue job')
            [CompletionResult]::new('costs', 'costs', [CompletionResultType]::ParameterValue, 'What the platform costs (Cost Explorer), or what the local lake would cost on AWS')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'The platform''s metrics over time: CloudWatch on aws, bdctl''s activity on local')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Is data flowing? Freshness, lag, activity and a verdict (exit 1 on a breached threshold)')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'What the transform, the job, the stream and the crawler logged: read, filter, follow')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Read the events in the Kinesis data stream, every shard, with the consumer''s lag')
            [CompletionResult]::new('quarantine', 'quarantine', [CompletionResultType]::ParameterValue, 'The records the transform or Firehose rejected: count them, show them, replay them')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'Did every event make it? Raw records against lake rows, quarantine and what the catalog sees')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print or write the man pages')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;config' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every resolved setting with its value and where it came from')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the configuration file in use (exit 1 when there is none)')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'List every setting bdctl understands, with its environment variable and meaning')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;config;show' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;config;path' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;config;keys' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every resolved setting with its value and where it came from')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the configuration file in use (exit 1 when there is none)')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'List every setting bdctl understands, with its environment variable and meaning')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;config;help;show' {
            break
        }
        'bdctl;config;help;path' {
            break
        }
        'bdctl;config;help;keys' {
            break
        }
        'bdctl;config;help;help' {
            break
        }
        'bdctl;init' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the environment to write')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'Backend of the environment')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set a key of the environment (see `bdctl config keys`); repeatable')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'File to write (default: ./bdctl.toml)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the environment when the file already defines it')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Make this environment the file''s default_env')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;doctor' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'Print the least-privilege IAM policy for the environment''s resources (JSON) instead of checking')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;send' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Number of synthetic events to send')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Send at most this many events per second')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'First day of the synthetic events, YYYY-MM-DD (default: they end now)')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Number of days the synthetic events span')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the synthetic events')
            [CompletionResult]::new('--bad-fraction', '--bad-fraction', [CompletionResultType]::ParameterName, 'Share of deliberately malformed events, from 0 to 1')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Send the events of a file, one JSON object per line (`-` reads standard input)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Leave out the first N events (lines of --file, or of the synthetic sequence): resumes a send that was interrupted after N events')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--stream', '--stream', [CompletionResultType]::ParameterName, 'Send through the Kinesis data stream (`kinesis_stream`) in front of Firehose, with PutRecords keyed by session_id, instead of straight into Firehose')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;transform' {
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Transform the raw objects delivered on this day, YYYY-MM-DD (default: today, UTC)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Transform this raw object (its full key; repeatable)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Transform on the platform''s compute instead: the Glue job, the Lambda function or EMR Serverless')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'With --remote glue|emr-serverless: stop waiting for a job run after this long (exit 4; the run goes on)')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Objects transformed (or invocations, or job runs) at the same time (default: the number of CPUs)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Transform in this process (the default)')
            [CompletionResult]::new('--objects', '--objects', [CompletionResultType]::ParameterName, 'Print one row per object instead of the totals')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;backfill' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day, YYYY-MM-DD')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last day, YYYY-MM-DD (default: today, UTC)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Transform on the platform''s compute instead: the Glue job, the Lambda function or EMR Serverless')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'With --remote glue|emr-serverless: stop waiting for a job run after this long (exit 4; the run goes on)')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Objects transformed (or invocations, or job runs) at the same time (default: the number of CPUs)')
            [CompletionResult]::new('--days-per-run', '--days-per-run', [CompletionResultType]::ParameterName, 'With --remote glue: days per job run, each run reading all of its days (default 1)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Transform in this process (the default)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (days, objects, bytes) and stop')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Transform objects again even when their outputs are complete (asks first)')
            [CompletionResult]::new('--no-register', '--no-register', [CompletionResultType]::ParameterName, 'Do not record the partitions that received data')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;crawl' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after this long (exit 4; the crawl goes on)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the crawl to finish (the default)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Start the crawl and return (aws)')
            [CompletionResult]::new('--without-crawler', '--without-crawler', [CompletionResultType]::ParameterName, 'Read the Parquet footers here and write the table and partitions into the catalog directly, without a Glue crawler')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --without-crawler: print what would change, and change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;partitions' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The date partitions of the transformed lake, with their objects, bytes and whether the catalog has them')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Add the partitions the catalog lacks (BatchCreatePartition in chunks of 100 on aws)')
            [CompletionResult]::new('project', 'project', [CompletionResultType]::ParameterValue, 'Turn on Athena partition projection for the date keys: no crawler, no sync needed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;partitions;list' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;partitions;sync' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;partitions;project' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day whose year is projected, YYYY-MM-DD')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--off', '--off', [CompletionResultType]::ParameterName, 'Turn projection off again')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the properties that would change, and change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;partitions;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The date partitions of the transformed lake, with their objects, bytes and whether the catalog has them')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Add the partitions the catalog lacks (BatchCreatePartition in chunks of 100 on aws)')
            [CompletionResult]::new('project', 'project', [CompletionResultType]::ParameterValue, 'Turn on Athena partition projection for the date keys: no crawler, no sync needed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;partitions;help;list' {
            break
        }
        'bdctl;partitions;help;sync' {
            break
        }
        'bdctl;partitions;help;project' {
            break
        }
        'bdctl;partitions;help;help' {
            break
        }
        'bdctl;compact' {
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Compact this day, YYYY-MM-DD')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day, YYYY-MM-DD (default: the lake''s first day)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last day, YYYY-MM-DD (default: yesterday, UTC)')
            [CompletionResult]::new('--target-size', '--target-size', [CompletionResultType]::ParameterName, 'Size each compacted file aims for (KB, MB, GB: powers of 1024)')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long a copy that is no longer read is kept for queries that started before')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be compacted; write nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;query' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read the statement from a file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the statement from a file')
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'Where the statement runs: the lake''s engine (Athena on aws, the embedded engine on local) or Redshift')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database (default: the environment''s glue_database; with --engine redshift, redshift_database)')
            [CompletionResult]::new('--workgroup', '--workgroup', [CompletionResultType]::ParameterName, 'Athena workgroup (default: the environment''s athena_workgroup)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'A value for the next `?` placeholder, as a SQL literal; repeatable')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the rows to this file instead of stdout; the format follows the extension (.csv, .tsv, .json, .ndjson, .parquet), complete or not at all')
            [CompletionResult]::new('--max-cost', '--max-cost', [CompletionResultType]::ParameterName, 'Refuse to run (exit 2) when the estimated scan would cost more than this many USD on Athena')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Start the query, print its id and return (aws)')
            [CompletionResult]::new('--estimate', '--estimate', [CompletionResultType]::ParameterName, 'Print the estimated scan and its Athena cost, and do not run the query')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The state, the reason of a failure, data scanned and engine time')
            [CompletionResult]::new('results', 'results', [CompletionResultType]::ParameterValue, 'The rows of a finished query')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Stop a running query')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;query;status' {
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'The engine the query runs on')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;query;results' {
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'The engine the query runs on')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the rows to this file instead of stdout (.csv, .tsv, .json, .ndjson, .parquet)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;query;cancel' {
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'The engine the query runs on')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;query;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The state, the reason of a failure, data scanned and engine time')
            [CompletionResult]::new('results', 'results', [CompletionResultType]::ParameterValue, 'The rows of a finished query')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Stop a running query')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;query;help;status' {
            break
        }
        'bdctl;query;help;results' {
            break
        }
        'bdctl;query;help;cancel' {
            break
        }
        'bdctl;query;help;help' {
            break
        }
        'bdctl;sql' {
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database (default: the environment''s glue_database)')
            [CompletionResult]::new('--workgroup', '--workgroup', [CompletionResultType]::ParameterName, 'Athena workgroup (default: the environment''s athena_workgroup)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;warehouse' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Load days of the lake into the Redshift table, each replaced in one transaction')
            [CompletionResult]::new('spectrum', 'spectrum', [CompletionResultType]::ParameterValue, 'Create the external schema over the Glue database, so that Redshift reads the lake in place')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;warehouse;load' {
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'One day to load (YYYY-MM-DD)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day to load')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last day to load')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Cancel a day''s transaction that runs longer than this (exit 4; the day stays as it was)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the days, their files and the statements, and load nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;warehouse;spectrum' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Cancel the statement when it runs longer than this (exit 4)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the statement and run nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;warehouse;help' {
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Load days of the lake into the Redshift table, each replaced in one transaction')
            [CompletionResult]::new('spectrum', 'spectrum', [CompletionResultType]::ParameterValue, 'Create the external schema over the Glue database, so that Redshift reads the lake in place')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;warehouse;help;load' {
            break
        }
        'bdctl;warehouse;help;spectrum' {
            break
        }
        'bdctl;warehouse;help;help' {
            break
        }
        'bdctl;demo' {
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Number of events to send')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Days the events span')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'First day of the events, YYYY-MM-DD (default: the days before today)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the synthetic events')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;pipeline' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Create or update the Step Functions state machine that runs one day of the platform')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run the pipeline for a day: one execution named after the date, followed state by state')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The pipeline''s recent executions, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;pipeline;deploy' {
            [CompletionResult]::new('--transform', '--transform', [CompletionResultType]::ParameterName, 'What runs the transform step (default: the Glue job when glue_job is set, else the function)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('--definition', '--definition', [CompletionResultType]::ParameterName, 'Print the state machine''s definition (Amazon States Language) and change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;pipeline;run' {
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'The day to run (YYYY-MM-DD)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'With --wait: stop waiting after this long (exit 4; the execution goes on)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the execution to its end')
            [CompletionResult]::new('--rerun', '--rerun', [CompletionResultType]::ParameterName, 'Run a day that ran already, as a new execution')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;pipeline;status' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many executions to list')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many executions to list')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;pipeline;help' {
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Create or update the Step Functions state machine that runs one day of the platform')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run the pipeline for a day: one execution named after the date, followed state by state')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The pipeline''s recent executions, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;pipeline;help;deploy' {
            break
        }
        'bdctl;pipeline;help;run' {
            break
        }
        'bdctl;pipeline;help;status' {
            break
        }
        'bdctl;pipeline;help;help' {
            break
        }
        'bdctl;lifecycle' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Compare the live rules with the managed ones, rule by rule, and what they would do today')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Show the plan, ask, write the merged rules, read them back and verify')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the live rules of every bucket of the environment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;lifecycle;plan' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;lifecycle;apply' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;lifecycle;show' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;lifecycle;help' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Compare the live rules with the managed ones, rule by rule, and what they would do today')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Show the plan, ask, write the merged rules, read them back and verify')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the live rules of every bucket of the environment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;lifecycle;help;plan' {
            break
        }
        'bdctl;lifecycle;help;apply' {
            break
        }
        'bdctl;lifecycle;help;show' {
            break
        }
        'bdctl;lifecycle;help;help' {
            break
        }
        'bdctl;deploy' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('lambda', 'lambda', [CompletionResultType]::ParameterValue, 'Install the transform function on AWS Lambda and trigger it from the raw bucket')
            [CompletionResult]::new('glue', 'glue', [CompletionResultType]::ParameterValue, 'Upload the Spark transform script and create or update the Glue job that runs it')
            [CompletionResult]::new('emr-serverless', 'emr-serverless', [CompletionResultType]::ParameterValue, 'Upload the Spark transform script that EMR Serverless runs (transform|backfill --remote emr-serverless)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;deploy;lambda' {
            [CompletionResult]::new('--arch', '--arch', [CompletionResultType]::ParameterName, 'Architecture of the function (default: the executable''s own)')
            [CompletionResult]::new('--memory', '--memory', [CompletionResultType]::ParameterName, 'Memory of the function in MB (default: lambda_memory_mb)')
            [CompletionResult]::new('--zip', '--zip', [CompletionResultType]::ParameterName, 'Deploy this zip (its `bootstrap` at the root) instead of packaging the installed executable')
            [CompletionResult]::new('--executable', '--executable', [CompletionResultType]::ParameterName, 'Package this executable as `bootstrap` (default: bdctl-lambda beside bdctl)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;deploy;glue' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;deploy;emr-serverless' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;deploy;help' {
            [CompletionResult]::new('lambda', 'lambda', [CompletionResultType]::ParameterValue, 'Install the transform function on AWS Lambda and trigger it from the raw bucket')
            [CompletionResult]::new('glue', 'glue', [CompletionResultType]::ParameterValue, 'Upload the Spark transform script and create or update the Glue job that runs it')
            [CompletionResult]::new('emr-serverless', 'emr-serverless', [CompletionResultType]::ParameterValue, 'Upload the Spark transform script that EMR Serverless runs (transform|backfill --remote emr-serverless)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;deploy;help;lambda' {
            break
        }
        'bdctl;deploy;help;glue' {
            break
        }
        'bdctl;deploy;help;emr-serverless' {
            break
        }
        'bdctl;deploy;help;help' {
            break
        }
        'bdctl;costs' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day, YYYY-MM-DD (default: the first day of this month)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last day, inclusive, YYYY-MM-DD (default: today)')
            [CompletionResult]::new('--granularity', '--granularity', [CompletionResultType]::ParameterName, 'Amounts per day or per month')
            [CompletionResult]::new('--group-by', '--group-by', [CompletionResultType]::ParameterName, 'Group by service, usage-type or tag:KEY')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--forecast', '--forecast', [CompletionResultType]::ParameterName, 'Add Cost Explorer''s forecast for the rest of the month')
            [CompletionResult]::new('--all-services', '--all-services', [CompletionResultType]::ParameterName, 'Every service of the account, not only the platform''s')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ask Cost Explorer again instead of using a cached answer')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;metrics' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to look')
            [CompletionResult]::new('--period', '--period', [CompletionResultType]::ParameterName, 'Width of each point')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only this service''s metrics; repeatable')
            [CompletionResult]::new('--metric', '--metric', [CompletionResultType]::ParameterName, 'Only metrics with this name (e.g. IncomingRecords); repeatable')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;status' {
            [CompletionResult]::new('--lookback-days', '--lookback-days', [CompletionResultType]::ParameterName, 'How many days back to look for the newest partitions')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;logs' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to start')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'A CloudWatch Logs filter pattern')
            [CompletionResult]::new('--run', '--run', [CompletionResultType]::ParameterName, 'Only one run''s logs: a Glue job run id (a local run id on local), or `last` for the newest')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing events as they arrive, until Ctrl-C')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing events as they arrive, until Ctrl-C')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;tail' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Where to start: latest, trim-horizon, or a time (RFC 3339, e.g. 2024-06-01T12:00:00Z)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Only events whose FIELD equals VALUE (repeat: all must match)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Stop after N events')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Stop after N events')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep reading as records arrive, until Ctrl-C')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep reading as records arrive, until Ctrl-C')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;quarantine' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Counts of quarantined records by reason, day or source, with bytes and oldest/newest')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The quarantined records: source key, record number, byte offset, reason, redacted text')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Transform quarantined records again; what now transforms lands in the lake')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;quarantine;list' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day, YYYY-MM-DD (the day a file is filed under)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last day, YYYY-MM-DD')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'How to group the records')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;quarantine;show' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day, YYYY-MM-DD (the day a file is filed under)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last day, YYYY-MM-DD')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Only records whose reason contains this text (case-insensitive)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many records (0: all)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;quarantine;replay' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day, YYYY-MM-DD (the day a file is filed under)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last day, YYYY-MM-DD')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Only records whose reason contains this text (case-insensitive)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would land and what would still fail, and write nothing')
            [CompletionResult]::new('--to-stream', '--to-stream', [CompletionResultType]::ParameterName, 'Send what now transforms back into the delivery stream (`firehose_stream`) instead, to come through the platform''s own transform')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;quarantine;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Counts of quarantined records by reason, day or source, with bytes and oldest/newest')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The quarantined records: source key, record number, byte offset, reason, redacted text')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Transform quarantined records again; what now transforms lands in the lake')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;quarantine;help;list' {
            break
        }
        'bdctl;quarantine;help;show' {
            break
        }
        'bdctl;quarantine;help;replay' {
            break
        }
        'bdctl;quarantine;help;help' {
            break
        }
        'bdctl;reconcile' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day, YYYY-MM-DD (default: six days before --to)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last day, YYYY-MM-DD (default: today, UTC)')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Raw objects read at the same time (default: the number of CPUs)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('--deep', '--deep', [CompletionResultType]::ParameterName, 'Also compare the events one by one by event_id: missing, written twice, delivered twice, without a raw source (reads every raw object and output whole)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;completions' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write the file(s) into this directory instead of printing (every shell when none is named)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write bdctl.1 and one page per subcommand into this directory instead of printing bdctl.1')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment of bdctl.toml to use')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: bdctl.toml in this directory or a parent)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS named profile (overrides the environment''s `profile`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (overrides the environment''s `region`)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for every AWS service, e.g. a local emulator')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format; auto is a table on a terminal and tab-separated values when piped')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR in the environment means never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; commands that need a confirmation fail unless --yes is given')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'bdctl;help' {
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved configuration and where each value comes from')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented bdctl.toml (interactive on a terminal)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check configuration, credentials and the configured resources')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send synthetic or real events into the delivery stream')
            [CompletionResult]::new('transform', 'transform', [CompletionResultType]::ParameterValue, 'Turn raw objects into Parquet partitions, in this process')
            [CompletionResult]::new('backfill', 'backfill', [CompletionResultType]::ParameterValue, 'Transform a range of days again, skipping what is complete')
            [CompletionResult]::new('crawl', 'crawl', [CompletionResultType]::ParameterValue, 'Bring the catalog''s table and partitions in line with the transformed lake')
            [CompletionResult]::new('partitions', 'partitions', [CompletionResultType]::ParameterValue, 'List the lake''s date partitions, or add the ones the catalog lacks')
            [CompletionResult]::new('compact', 'compact', [CompletionResultType]::ParameterValue, 'Rewrite each day''s small Parquet files into a few large ones, sorted by event time')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run SQL: Athena on aws, the embedded engine on local')
            [CompletionResult]::new('sql', 'sql', [CompletionResultType]::ParameterValue, 'An interactive SQL shell: history, multi-line statements, completion from the catalog')
            [CompletionResult]::new('warehouse', 'warehouse', [CompletionResultType]::ParameterValue, 'Redshift beside the lake: load days into a table, or read the lake in place (Spectrum)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the whole pipeline on the embedded local platform, with example queries')
            [CompletionResult]::new('pipeline', 'pipeline', [CompletionResultType]::ParameterValue, 'One day of the platform as a Step Functions workflow: deploy it, run a day, list runs')
            [CompletionResult]::new('lifecycle', 'lifecycle', [CompletionResultType]::ParameterValue, 'Plan, apply or show the storage lifecycle rules (expiration, transitions)')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Install bdctl''s transform on the platform''s compute: the Lambda function, the Glue job')
            [CompletionResult]::new('costs', 'costs', [CompletionResultType]::ParameterValue, 'What the platform costs (Cost Explorer), or what the local lake would cost on AWS')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'The platform''s metrics over time: CloudWatch on aws, bdctl''s activity on local')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Is data flowing? Freshness, lag, activity and a verdict (exit 1 on a breached threshold)')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'What the transform, the job, the stream and the crawler logged: read, filter, follow')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Read the events in the Kinesis data stream, every shard, with the consumer''s lag')
            [CompletionResult]::new('quarantine', 'quarantine', [CompletionResultType]::ParameterValue, 'The records the transform or Firehose rejected: count them, show them, replay them')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'Did every event make it? Raw records against lake rows, quarantine and what the catalog sees')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print or write the man pages')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'bdctl;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every resolved setting with its value and where it came from')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the configuration file in use (exit 1 when there is none)')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'List every setting bdctl understands, with its environment variable and meaning')
            break
        }
        'bdctl;help;config;show' {
            break
        }
        'bdctl;help;config;path' {
            break
        }
        'bdctl;help;config;keys' {
            break
        }
        'bdctl;help;init' {
            break
        }
        'bdctl;help;doctor' {
            break
        }
        'bdctl;help;send' {
            break
        }
        'bdctl;help;transform' {
            break
        }
        'bdctl;help;backfill' {
            break
        }
        'bdctl;help;crawl' {
            break
        }
        'bdctl;help;partitions' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The date partitions of the transformed lake, with their objects, bytes and whether the catalog has them')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Add the partitions the catalog lacks (BatchCreatePartition in chunks of 100 on aws)')
            [CompletionResult]::new('project', 'project', [CompletionResultType]::ParameterValue, 'Turn on Athena partition projection for the date keys: no crawler, no sync needed')
            break
        }
        'bdctl;help;partitions;list' {
            break
        }
        'bdctl;help;partitions;sync' {
            break
        }
        'bdctl;help;partitions;project' {
            break
        }
        'bdctl;help;compact' {
            break
        }
        'bdctl;help;query' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The state, the reason of a failure, data scanned and engine time')
            [CompletionResult]::new('results', 'results', [CompletionResultType]::ParameterValue, 'The rows of a finished query')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Stop a running query')
            break
        }
        'bdctl;help;query;status' {
            break
        }
        'bdctl;help;query;results' {
            break
        }
        'bdctl;help;query;cancel' {
            break
        }
        'bdctl;help;sql' {
            break
        }
        'bdctl;help;warehouse' {
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Load days of the lake into the Redshift table, each replaced in one transaction')
            [CompletionResult]::new('spectrum', 'spectrum', [CompletionResultType]::ParameterValue, 'Create the external schema over the Glue database, so that Redshift reads the lake in place')
            break
        }
        'bdctl;help;warehouse;load' {
            break
        }
        'bdctl;help;warehouse;spectrum' {
            break
        }
        'bdctl;help;demo' {
            break
        }
        'bdctl;help;pipeline' {
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Create or update the Step Functions state machine that runs one day of the platform')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run the pipeline for a day: one execution named after the date, followed state by state')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The pipeline''s recent executions, newest first')
            break
        }
        'bdctl;help;pipeline;deploy' {
            break
        }
        'bdctl;help;pipeline;run' {
            break
        }
        'bdctl;help;pipeline;status' {
            break
        }
        'bdctl;help;lifecycle' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Compare the live rules with the managed ones, rule by rule, and what they would do today')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Show the plan, ask, write the merged rules, read them back and verify')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the live rules of every bucket of the environment')
            break
        }
        'bdctl;help;lifecycle;plan' {
            break
        }
        'bdctl;help;lifecycle;apply' {
            break
        }
        'bdctl;help;lifecycle;show' {
            break
        }
        'bdctl;help;deploy' {
            [CompletionResult]::new('lambda', 'lambda', [CompletionResultType]::ParameterValue, 'Install the transform function on AWS Lambda and trigger it from the raw bucket')
            [CompletionResult]::new('glue', 'glue', [CompletionResultType]::ParameterValue, 'Upload the Spark transform script and create or update the Glue job that runs it')
            [CompletionResult]::new('emr-serverless', 'emr-serverless', [CompletionResultType]::ParameterValue, 'Upload the Spark transform script that EMR Serverless runs (transform|backfill --remote emr-serverless)')
            break
        }
        'bdctl;help;deploy;lambda' {
            break
        }
        'bdctl;help;deploy;glue' {
            break
        }
        'bdctl;help;deploy;emr-serverless' {
            break
        }
        'bdctl;help;costs' {
            break
        }
        'bdctl;help;metrics' {
            break
        }
        'bdctl;help;status' {
            break
        }
        'bdctl;help;logs' {
            break
        }
        'bdctl;help;tail' {
            break
        }
        'bdctl;help;quarantine' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Counts of quarantined records by reason, day or source, with bytes and oldest/newest')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The quarantined records: source key, record number, byte offset, reason, redacted text')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Transform quarantined records again; what now transforms lands in the lake')
            break
        }
        'bdctl;help;quarantine;list' {
            break
        }
        'bdctl;help;quarantine;show' {
            break
        }
        'bdctl;help;quarantine;replay' {
            break
        }
        'bdctl;help;reconcile' {
            break
        }
        'bdctl;help;completions' {
            break
        }
        'bdctl;help;man' {
            break
        }
        'bdctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
