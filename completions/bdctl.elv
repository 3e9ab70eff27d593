
use builtin;
use str;

set edit:completion:arg-completer[bdctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'bdctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'bdctl'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand config 'Show the resolved configuration and where each value comes from'
            cand init 'Write a commented bdctl.toml (interactive on a terminal)'
            cand doctor 'Check configuration, credentials and the configured resources'
            cand send 'Send synthetic or real events into the delivery stream'
            cand transform 'Turn raw objects into Parquet partitions, in this process'
            cand backfill 'Transform a range of days again, skipping what is complete'
            cand crawl 'Bring the catalog''s table and partitions in line with the transformed lake'
            cand partitions 'List the lake''s date partitions, or add the ones the catalog lacks'
            cand query 'Run SQL: Athena on aws, the embedded engine on local'
            cand demo 'Run the whole pipeline on the embedded local platform, with example queries'
            cand lifecycle 'Plan, apply or show the storage lifecycle rules (expiration, transitions)'
            cand deploy 'Install bdctl''s transform on the platform''s compute: the Lambda function, the Glue job'
            cand costs 'What the platform costs (Cost Explorer), or what the local lake would cost on AWS'
            cand metrics 'The platform''s metrics over time: CloudWatch on aws, bdctl''s activity on local'
            cand status 'Is data flowing? Freshness, lag, activity and a verdict (exit 1 on a breached threshold)'
            cand logs 'What the transform, the job, the stream and the crawler logged: read, filter, follow'
            cand quarantine 'The records the transform or Firehose rejected: count them, show them, replay them'
            cand reconcile 'Did every event make it? Raw records against lake rows, quarantine and what the catalog sees'
            cand completions 'Print shell completions'
            cand man 'Print or write the man pages'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;config'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print every resolved setting with its value and where it came from'
            cand path 'Print the path of the configuration file in use (exit 1 when there is none)'
            cand keys 'List every setting bdctl understands, with its environment variable and meaning'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;config;show'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;config;path'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;config;keys'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;config;help'= {
            cand show 'Print every resolved setting with its value and where it came from'
            cand path 'Print the path of the configuration file in use (exit 1 when there is none)'
            cand keys 'List every setting bdctl understands, with its environment variable and meaning'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;config;help;show'= {
        }
        &'bdctl;config;help;path'= {
        }
        &'bdctl;config;help;keys'= {
        }
        &'bdctl;config;help;help'= {
        }
        &'bdctl;init'= {
            cand --name 'Name of the environment to write'
            cand --backend 'Backend of the environment'
            cand --set 'Set a key of the environment (see `bdctl config keys`); repeatable'
            cand --path 'File to write (default: ./bdctl.toml)'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --force 'Replace the environment when the file already defines it'
            cand --default 'Make this environment the file''s default_env'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;doctor'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --policy 'Print the least-privilege IAM policy for the environment''s resources (JSON) instead of checking'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;send'= {
            cand --count 'Number of synthetic events to send'
            cand --rate 'Send at most this many events per second'
            cand --start 'First day of the synthetic events, YYYY-MM-DD (default: they end now)'
            cand --days 'Number of days the synthetic events span'
            cand --seed 'Seed of the synthetic events'
            cand --bad-fraction 'Share of deliberately malformed events, from 0 to 1'
            cand --file 'Send the events of a file, one JSON object per line (`-` reads standard input)'
            cand --skip 'Leave out the first N events (lines of --file, or of the synthetic sequence): resumes a send that was interrupted after N events'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;transform'= {
            cand --date 'Transform the raw objects delivered on this day, YYYY-MM-DD (default: today, UTC)'
            cand --key 'Transform this raw object (its full key; repeatable)'
            cand --remote 'Transform on the platform''s compute instead: the Glue job, the Lambda function or EMR Serverless'
            cand --timeout 'With --remote glue|emr-serverless: stop waiting for a job run after this long (exit 4; the run goes on)'
            cand --jobs 'Objects transformed (or invocations, or job runs) at the same time (default: the number of CPUs)'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --local 'Transform in this process (the default)'
            cand --objects 'Print one row per object instead of the totals'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;backfill'= {
            cand --from 'First day, YYYY-MM-DD'
            cand --to 'Last day, YYYY-MM-DD (default: today, UTC)'
            cand --remote 'Transform on the platform''s compute instead: the Glue job, the Lambda function or EMR Serverless'
            cand --timeout 'With --remote glue|emr-serverless: stop waiting for a job run after this long (exit 4; the run goes on)'
            cand --jobs 'Objects transformed (or invocations, or job runs) at the same time (default: the number of CPUs)'
            cand --days-per-run 'With --remote glue: days per job run, each run reading all of its days (default 1)'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --local 'Transform in this process (the default)'
            cand --dry-run 'Print the plan (days, objects, bytes) and stop'
            cand --force 'Transform objects again even when their outputs are complete (asks first)'
            cand --no-register 'Do not record the partitions that received data'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;crawl'= {
            cand --timeout 'Give up waiting after this long (exit 4; the crawl goes on)'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --wait 'Wait for the crawl to finish (the default)'
            cand --no-wait 'Start the crawl and return (aws)'
            cand --without-crawler 'Read the Parquet footers here and write the table and partitions into the catalog directly, without a Glue crawler'
            cand --dry-run 'With --without-crawler: print what would change, and change nothing'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;partitions'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'The date partitions of the transformed lake, with their objects, bytes and whether the catalog has them'
            cand sync 'Add the partitions the catalog lacks (BatchCreatePartition in chunks of 100 on aws)'
            cand project 'Turn on Athena partition projection for the date keys: no crawler, no sync needed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;partitions;list'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;partitions;sync'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --dry-run 'Print the plan and change nothing'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;partitions;project'= {
            cand --from 'First day whose year is projected, YYYY-MM-DD'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --off 'Turn projection off again'
            cand --dry-run 'Print the properties that would change, and change nothing'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;partitions;help'= {
            cand list 'The date partitions of the transformed lake, with their objects, bytes and whether the catalog has them'
            cand sync 'Add the partitions the catalog lacks (BatchCreatePartition in chunks of 100 on aws)'
            cand project 'Turn on Athena partition projection for the date keys: no crawler, no sync needed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;partitions;help;list'= {
        }
        &'bdctl;partitions;help;sync'= {
        }
        &'bdctl;partitions;help;project'= {
        }
        &'bdctl;partitions;help;help'= {
        }
        &'bdctl;query'= {
            cand -f 'Read the statement from a file'
            cand --file 'Read the statement from a file'
            cand --database 'Database (default: the environment''s glue_database)'
            cand --workgroup 'Athena workgroup (default: the environment''s athena_workgroup)'
            cand --param 'A value for the next `?` placeholder, as a SQL literal; repeatable'
            cand --out 'Write the rows to this file instead of stdout; the format follows the extension (.csv, .tsv, .json, .ndjson, .parquet), complete or not at all'
            cand --max-cost 'Refuse to run (exit 2) when the estimated scan would cost more than this many USD on Athena'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --no-wait 'Start the query, print its id and return (aws)'
            cand --estimate 'Print the estimated scan and its Athena cost, and do not run the query'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'The state, the reason of a failure, data scanned and engine time'
            cand results 'The rows of a finished query'
            cand cancel 'Stop a running query'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;query;status'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;query;results'= {
            cand --out 'Write the rows to this file instead of stdout (.csv, .tsv, .json, .ndjson, .parquet)'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;query;cancel'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;query;help'= {
            cand status 'The state, the reason of a failure, data scanned and engine time'
            cand results 'The rows of a finished query'
            cand cancel 'Stop a running query'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;query;help;status'= {
        }
        &'bdctl;query;help;results'= {
        }
        &'bdctl;query;help;cancel'= {
        }
        &'bdctl;query;help;help'= {
        }
        &'bdctl;demo'= {
            cand --events 'Number of events to send'
            cand --days 'Days the events span'
            cand --start 'First day of the events, YYYY-MM-DD (default: the days before today)'
            cand --seed 'Seed of the synthetic events'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;lifecycle'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand plan 'Compare the live rules with the managed ones, rule by rule, and what they would do today'
            cand apply 'Show the plan, ask, write the merged rules, read them back and verify'
            cand show 'Print the live rules of every bucket of the environment'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;lifecycle;plan'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;lifecycle;apply'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;lifecycle;show'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;lifecycle;help'= {
            cand plan 'Compare the live rules with the managed ones, rule by rule, and what they would do today'
            cand apply 'Show the plan, ask, write the merged rules, read them back and verify'
            cand show 'Print the live rules of every bucket of the environment'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;lifecycle;help;plan'= {
        }
        &'bdctl;lifecycle;help;apply'= {
        }
        &'bdctl;lifecycle;help;show'= {
        }
        &'bdctl;lifecycle;help;help'= {
        }
        &'bdctl;deploy'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand lambda 'Install the transform function on AWS Lambda and trigger it from the raw bucket'
            cand glue 'Upload the Spark transform script and create or update the Glue job that runs it'
            cand emr-serverless 'Upload the Spark transform script that EMR Serverless runs (transform|backfill --remote emr-serverless)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;deploy;lambda'= {
            cand --arch 'Architecture of the function (default: the executable''s own)'
            cand --memory 'Memory of the function in MB (default: lambda_memory_mb)'
            cand --zip 'Deploy this zip (its `bootstrap` at the root) instead of packaging the installed executable'
            cand --executable 'Package this executable as `bootstrap` (default: bdctl-lambda beside bdctl)'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --dry-run 'Print the plan and change nothing'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;deploy;glue'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --dry-run 'Print the plan and change nothing'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;deploy;emr-serverless'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --dry-run 'Print the plan and change nothing'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;deploy;help'= {
            cand lambda 'Install the transform function on AWS Lambda and trigger it from the raw bucket'
            cand glue 'Upload the Spark transform script and create or update the Glue job that runs it'
            cand emr-serverless 'Upload the Spark transform script that EMR Serverless runs (transform|backfill --remote emr-serverless)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;deploy;help;lambda'= {
        }
        &'bdctl;deploy;help;glue'= {
        }
        &'bdctl;deploy;help;emr-serverless'= {
        }
        &'bdctl;deploy;help;help'= {
        }
        &'bdctl;costs'= {
            cand --from 'First day, YYYY-MM-DD (default: the first day of this month)'
            cand --to 'Last day, inclusive, YYYY-MM-DD (default: today)'
            cand --granularity 'Amounts per day or per month'
            cand --group-by 'Group by service, usage-type or tag:KEY'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --forecast 'Add Cost Explorer''s forecast for the rest of the month'
            cand --all-services 'Every service of the account, not only the platform''s'
            cand --refresh 'Ask Cost Explorer again instead of using a cached answer'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;metrics'= {
            cand --since 'How far back to look'
            cand --period 'Width of each point'
            cand --service 'Only this service''s metrics; repeatable'
            cand --metric 'Only metrics with this name (e.g. IncomingRecords); repeatable'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;status'= {
            cand --lookback-days 'How many days back to look for the newest partitions'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;logs'= {
            cand --since 'How far back to start'
            cand --filter 'A CloudWatch Logs filter pattern'
            cand --run 'Only one run''s logs: a Glue job run id (a local run id on local), or `last` for the newest'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -f 'Keep printing events as they arrive, until Ctrl-C'
            cand --follow 'Keep printing events as they arrive, until Ctrl-C'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;quarantine'= {
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Counts of quarantined records by reason, day or source, with bytes and oldest/newest'
            cand show 'The quarantined records: source key, record number, byte offset, reason, redacted text'
            cand replay 'Transform quarantined records again; what now transforms lands in the lake'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;quarantine;list'= {
            cand --from 'First day, YYYY-MM-DD (the day a file is filed under)'
            cand --to 'Last day, YYYY-MM-DD'
            cand --by 'How to group the records'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;quarantine;show'= {
            cand --from 'First day, YYYY-MM-DD (the day a file is filed under)'
            cand --to 'Last day, YYYY-MM-DD'
            cand --reason 'Only records whose reason contains this text (case-insensitive)'
            cand --limit 'At most this many records (0: all)'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;quarantine;replay'= {
            cand --from 'First day, YYYY-MM-DD (the day a file is filed under)'
            cand --to 'Last day, YYYY-MM-DD'
            cand --reason 'Only records whose reason contains this text (case-insensitive)'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --dry-run 'Say what would land and what would still fail, and write nothing'
            cand --to-stream 'Send what now transforms back into the delivery stream (`firehose_stream`) instead, to come through the platform''s own transform'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;quarantine;help'= {
            cand list 'Counts of quarantined records by reason, day or source, with bytes and oldest/newest'
            cand show 'The quarantined records: source key, record number, byte offset, reason, redacted text'
            cand replay 'Transform quarantined records again; what now transforms lands in the lake'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;quarantine;help;list'= {
        }
        &'bdctl;quarantine;help;show'= {
        }
        &'bdctl;quarantine;help;replay'= {
        }
        &'bdctl;quarantine;help;help'= {
        }
        &'bdctl;reconcile'= {
            cand --from 'First day, YYYY-MM-DD (default: six days before --to)'
            cand --to 'Last day, YYYY-MM-DD (default: today, UTC)'
            cand --jobs 'Raw objects read at the same time (default: the number of CPUs)'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand --deep 'Also compare the events one by one by event_id: missing, written twice, delivered twice, without a raw source (reads every raw object and output whole)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;completions'= {
            cand --dir 'Write the file(s) into this directory instead of printing (every shell when none is named)'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;man'= {
            cand --dir 'Write bdctl.1 and one page per subcommand into this directory instead of printing bdctl.1'
            cand --env 'Environment of bdctl.toml to use'
            cand --config 'Configuration file (default: bdctl.toml in this directory or a parent)'
            cand --profile 'AWS named profile (overrides the environment''s `profile`)'
            cand --region 'AWS region (overrides the environment''s `region`)'
            cand --endpoint-url 'Endpoint URL for every AWS service, e.g. a local emulator'
            cand -o 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --output 'Output format; auto is a table on a terminal and tab-separated values when piped'
            cand --color 'When to use colors (NO_COLOR in the environment means never)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand --verbose 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
            cand -y 'Answer yes to every confirmation'
            cand --yes 'Answer yes to every confirmation'
            cand --no-input 'Never prompt; commands that need a confirmation fail unless --yes is given'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'bdctl;help'= {
            cand config 'Show the resolved configuration and where each value comes from'
            cand init 'Write a commented bdctl.toml (interactive on a terminal)'
            cand doctor 'Check configuration, credentials and the configured resources'
            cand send 'Send synthetic or real events into the delivery stream'
            cand transform 'Turn raw objects into Parquet partitions, in this process'
            cand backfill 'Transform a range of days again, skipping what is complete'
            cand crawl 'Bring the catalog''s table and partitions in line with the transformed lake'
            cand partitions 'List the lake''s date partitions, or add the ones the catalog lacks'
            cand query 'Run SQL: Athena on aws, the embedded engine on local'
            cand demo 'Run the whole pipeline on the embedded local platform, with example queries'
            cand lifecycle 'Plan, apply or show the storage lifecycle rules (expiration, transitions)'
            cand deploy 'Install bdctl''s transform on the platform''s compute: the Lambda function, the Glue job'
            cand costs 'What the platform costs (Cost Explorer), or what the local lake would cost on AWS'
            cand metrics 'The platform''s metrics over time: CloudWatch on aws, bdctl''s activity on local'
            cand status 'Is data flowing? Freshness, lag, activity and a verdict (exit 1 on a breached threshold)'
            cand logs 'What the transform, the job, the stream and the crawler logged: read, filter, follow'
            cand quarantine 'The records the transform or Firehose rejected: count them, show them, replay them'
            cand reconcile 'Did every event make it? Raw records against lake rows, quarantine and what the catalog sees'
            cand completions 'Print shell completions'
            cand man 'Print or write the man pages'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'bdctl;help;config'= {
            cand show 'Print every resolved setting with its value and where it came from'
            cand path 'Print the path of the configuration file in use (exit 1 when there is none)'
            cand keys 'List every setting bdctl understands, with its environment variable and meaning'
        }
        &'bdctl;help;config;show'= {
        }
        &'bdctl;help;config;path'= {
        }
        &'bdctl;help;config;keys'= {
        }
        &'bdctl;help;init'= {
        }
        &'bdctl;help;doctor'= {
        }
        &'bdctl;help;send'= {
        }
        &'bdctl;help;transform'= {
        }
        &'bdctl;help;backfill'= {
        }
        &'bdctl;help;crawl'= {
        }
        &'bdctl;help;partitions'= {
            cand list 'The date partitions of the transformed lake, with their objects, bytes and whether the catalog has them'
            cand sync 'Add the partitions the catalog lacks (BatchCreatePartition in chunks of 100 on aws)'
            cand project 'Turn on Athena partition projection for the date keys: no crawler, no sync needed'
        }
        &'bdctl;help;partitions;list'= {
        }
        &'bdctl;help;partitions;sync'= {
        }
        &'bdctl;help;partitions;project'= {
        }
        &'bdctl;help;query'= {
            cand status 'The state, the reason of a failure, data scanned and engine time'
            cand results 'The rows of a finished query'
            cand cancel 'Stop a running query'
        }
        &'bdctl;help;query;status'= {
        }
        &'bdctl;help;query;results'= {
        }
        &'bdctl;help;query;cancel'= {
        }
        &'bdctl;help;demo'= {
        }
        &'bdctl;help;lifecycle'= {
            cand plan 'Compare the live rules with the managed ones, rule by rule, and what they would do today'
            cand apply 'Show the plan, ask, write the merged rules, read them back and verify'
            cand show 'Print the live rules of every bucket of the environment'
        }
        &'bdctl;help;lifecycle;plan'= {
        }
        &'bdctl;help;lifecycle;apply'= {
        }
        &'bdctl;help;lifecycle;show'= {
        }
        &'bdctl;help;deploy'= {
            cand lambda 'Install the transform function on AWS Lambda and trigger it from the raw bucket'
            cand glue 'Upload the Spark transform script and create or update the Glue job that runs it'
            cand emr-serverless 'Upload the Spark transform script that EMR Serverless runs (transform|backfill --remote emr-serverless)'
        }
        &'bdctl;help;deploy;lambda'= {
        }
        &'bdctl;help;deploy;glue'= {
        }
        &'bdctl;help;deploy;emr-serverless'= {
        }
        &'bdctl;help;costs'= {
        }
        &'bdctl;help;metrics'= {
        }
        &'bdctl;help;status'= {
        }
        &'bdctl;help;logs'= {
        }
        &'bdctl;help;quarantine'= {
            cand list 'Counts of quarantined records by reason, day or source, with bytes and oldest/newest'
            cand show 'The quarantined records: source key, record number, byte offset, reason, redacted text'
            cand replay 'Transform quarantined records again; what now transforms lands in the lake'
        }
        &'bdctl;help;quarantine;list'= {
        }
        &'bdctl;help;quarantine;show'= {
        }
        &'bdctl;help;quarantine;replay'= {
        }
        &'bdctl;help;reconcile'= {
        }
        &'bdctl;help;completions'= {
        }
        &'bdctl;help;man'= {
        }
        &'bdctl;help;help'= {
        }
    ]
    $completions[$command]
}
