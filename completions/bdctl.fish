# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_bdctl_global_optspecs
    string join \n env= config= profile= region= endpoint-url= o/output= q/quiet v/verbose y/yes no-input color= h/help V/version
end

function __fish_bdctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_bdctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_bdctl_using_subcommand
    set -l cmd (__fish_bdctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c bdctl -n "__fish_bdctl_needs_command" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_needs_command" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_needs_command" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_needs_command" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_needs_command" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_needs_command" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_needs_command" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_needs_command" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_needs_command" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_needs_command" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_needs_command" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "config" -d 'Show the resolved configuration and where each value comes from'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "init" -d 'Write a commented bdctl.toml (interactive on a terminal)'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "doctor" -d 'Check configuration, credentials and the configured resources'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "send" -d 'Send synthetic or real events into the delivery stream'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "transform" -d 'Turn raw objects into Parquet partitions, in this process'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "backfill" -d 'Transform a range of days again, skipping what is complete'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "crawl" -d 'Bring the catalog\'s table and partitions in line with the transformed lake'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "partitions" -d 'List the lake\'s date partitions, or add the ones the catalog lacks'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "compact" -d 'Rewrite each day\'s small Parquet files into a few large ones, sorted by event time'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "query" -d 'Run SQL: Athena on aws, the embedded engine on local'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "sql" -d 'An interactive SQL shell: history, multi-line statements, completion from the catalog'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "warehouse" -d 'Redshift beside the lake: load days into a table, or read the lake in place (Spectrum)'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "demo" -d 'Run the whole pipeline on the embedded local platform, with example queries'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "pipeline" -d 'One day of the platform as a Step Functions workflow: deploy it, run a day, list runs'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "lifecycle" -d 'Plan, apply or show the storage lifecycle rules (expiration, transitions)'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "deploy" -d 'Install bdctl\'s transform on the platform\'s compute: the Lambda function, the Glue job'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "costs" -d 'What the platform costs (Cost Explorer), or what the local lake would cost on AWS'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "metrics" -d 'The platform\'s metrics over time: CloudWatch on aws, bdctl\'s activity on local'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "status" -d 'Is data flowing? Freshness, lag, activity and a verdict (exit 1 on a breached threshold)'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "logs" -d 'What the transform, the job, the stream and the crawler logged: read, filter, follow'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "tail" -d 'Read the events in the Kinesis data stream, every shard, with the consumer\'s lag'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "quarantine" -d 'The records the transform or Firehose rejected: count them, show them, replay them'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "reconcile" -d 'Did every event make it? Raw records against lake rows, quarantine and what the catalog sees'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "man" -d 'Print or write the man pages'
complete -c bdctl -n "__fish_bdctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -f -a "show" -d 'Print every resolved setting with its value and where it came from'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -f -a "path" -d 'Print the path of the configuration file in use (exit 1 when there is none)'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -f -a "keys" -d 'List every setting bdctl understands, with its environment variable and meaning'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and not __fish_seen_subcommand_from show path keys help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from show" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from show" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from show" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from path" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from path" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from path" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from path" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from path" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from path" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from keys" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from keys" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from keys" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from keys" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from keys" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from keys" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from keys" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from keys" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from keys" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from keys" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from keys" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from keys" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from keys" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print every resolved setting with its value and where it came from'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the path of the configuration file in use (exit 1 when there is none)'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "keys" -d 'List every setting bdctl understands, with its environment variable and meaning'
complete -c bdctl -n "__fish_bdctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -l name -d 'Name of the environment to write' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -l backend -d 'Backend of the environment' -r -f -a "aws\t'The real services through the AWS SDK'
local\t'The embedded platform on the local disk'"
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -l set -d 'Set a key of the environment (see `bdctl config keys`); repeatable' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -l path -d 'File to write (default: ./bdctl.toml)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -l force -d 'Replace the environment when the file already defines it'
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -l default -d 'Make this environment the file\'s default_env'
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand init" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -l policy -d 'Print the least-privilege IAM policy for the environment\'s resources (JSON) instead of checking'
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l count -d 'Number of synthetic events to send' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l rate -d 'Send at most this many events per second' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l start -d 'First day of the synthetic events, YYYY-MM-DD (default: they end now)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l days -d 'Number of days the synthetic events span' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l seed -d 'Seed of the synthetic events' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l bad-fraction -d 'Share of deliberately malformed events, from 0 to 1' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l file -d 'Send the events of a file, one JSON object per line (`-` reads standard input)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l skip -d 'Leave out the first N events (lines of --file, or of the synthetic sequence): resumes a send that was interrupted after N events' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l stream -d 'Send through the Kinesis data stream (`kinesis_stream`) in front of Firehose, with PutRecords keyed by session_id, instead of straight into Firehose'
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand send" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l date -d 'Transform the raw objects delivered on this day, YYYY-MM-DD (default: today, UTC)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l key -d 'Transform this raw object (its full key; repeatable)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l remote -d 'Transform on the platform\'s compute instead: the Glue job, the Lambda function or EMR Serverless' -r -f -a "glue\t'The environment\'s Glue job (StartJobRun, polled to the end)'
lambda\t'The environment\'s Lambda function (one invocation per raw object)'
emr-serverless\t'A job run of the Spark transform on the EMR Serverless application, polled to the end'"
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l timeout -d 'With --remote glue|emr-serverless: stop waiting for a job run after this long (exit 4; the run goes on)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l jobs -d 'Objects transformed (or invocations, or job runs) at the same time (default: the number of CPUs)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l local -d 'Transform in this process (the default)'
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l objects -d 'Print one row per object instead of the totals'
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand transform" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l from -d 'First day, YYYY-MM-DD' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l to -d 'Last day, YYYY-MM-DD (default: today, UTC)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l remote -d 'Transform on the platform\'s compute instead: the Glue job, the Lambda function or EMR Serverless' -r -f -a "glue\t'The environment\'s Glue job (StartJobRun, polled to the end)'
lambda\t'The environment\'s Lambda function (one invocation per raw object)'
emr-serverless\t'A job run of the Spark transform on the EMR Serverless application, polled to the end'"
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l timeout -d 'With --remote glue|emr-serverless: stop waiting for a job run after this long (exit 4; the run goes on)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l jobs -d 'Objects transformed (or invocations, or job runs) at the same time (default: the number of CPUs)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l days-per-run -d 'With --remote glue: days per job run, each run reading all of its days (default 1)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l local -d 'Transform in this process (the default)'
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l dry-run -d 'Print the plan (days, objects, bytes) and stop'
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l force -d 'Transform objects again even when their outputs are complete (asks first)'
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l no-register -d 'Do not record the partitions that received data'
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand backfill" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -l timeout -d 'Give up waiting after this long (exit 4; the crawl goes on)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -l wait -d 'Wait for the crawl to finish (the default)'
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -l no-wait -d 'Start the crawl and return (aws)'
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -l without-crawler -d 'Read the Parquet footers here and write the table and partitions into the catalog directly, without a Glue crawler'
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -l dry-run -d 'With --without-crawler: print what would change, and change nothing'
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand crawl" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -f -a "list" -d 'The date partitions of the transformed lake, with their objects, bytes and whether the catalog has them'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -f -a "sync" -d 'Add the partitions the catalog lacks (BatchCreatePartition in chunks of 100 on aws)'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -f -a "project" -d 'Turn on Athena partition projection for the date keys: no crawler, no sync needed'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and not __fish_seen_subcommand_from list sync project help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from list" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from list" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from list" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from list" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from list" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -l dry-run -d 'Print the plan and change nothing'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from sync" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -l from -d 'First day whose year is projected, YYYY-MM-DD' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -l off -d 'Turn projection off again'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -l dry-run -d 'Print the properties that would change, and change nothing'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from project" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from help" -f -a "list" -d 'The date partitions of the transformed lake, with their objects, bytes and whether the catalog has them'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Add the partitions the catalog lacks (BatchCreatePartition in chunks of 100 on aws)'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from help" -f -a "project" -d 'Turn on Athena partition projection for the date keys: no crawler, no sync needed'
complete -c bdctl -n "__fish_bdctl_using_subcommand partitions; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -l date -d 'Compact this day, YYYY-MM-DD' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -l from -d 'First day, YYYY-MM-DD (default: the lake\'s first day)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -l to -d 'Last day, YYYY-MM-DD (default: yesterday, UTC)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -l target-size -d 'Size each compacted file aims for (KB, MB, GB: powers of 1024)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -l grace -d 'How long a copy that is no longer read is kept for queries that started before' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -l dry-run -d 'Show what would be compacted; write nothing'
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand compact" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -s f -l file -d 'Read the statement from a file' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l engine -d 'Where the statement runs: the lake\'s engine (Athena on aws, the embedded engine on local) or Redshift' -r -f -a "lake\t'Athena on aws, the embedded engine on local'
redshift\t'Redshift through its Data API (aws, with redshift_cluster or redshift_workgroup)'"
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l database -d 'Database (default: the environment\'s glue_database; with --engine redshift, redshift_database)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l workgroup -d 'Athena workgroup (default: the environment\'s athena_workgroup)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l param -d 'A value for the next `?` placeholder, as a SQL literal; repeatable' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l out -d 'Write the rows to this file instead of stdout; the format follows the extension (.csv, .tsv, .json, .ndjson, .parquet), complete or not at all' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l max-cost -d 'Refuse to run (exit 2) when the estimated scan would cost more than this many USD on Athena' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l no-wait -d 'Start the query, print its id and return (aws)'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l estimate -d 'Print the estimated scan and its Athena cost, and do not run the query'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -a "status" -d 'The state, the reason of a failure, data scanned and engine time'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -a "results" -d 'The rows of a finished query'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -a "cancel" -d 'Stop a running query'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and not __fish_seen_subcommand_from status results cancel help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -l engine -d 'The engine the query runs on' -r -f -a "lake\t'Athena on aws, the embedded engine on local'
redshift\t'Redshift through its Data API (aws, with redshift_cluster or redshift_workgroup)'"
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -l engine -d 'The engine the query runs on' -r -f -a "lake\t'Athena on aws, the embedded engine on local'
redshift\t'Redshift through its Data API (aws, with redshift_cluster or redshift_workgroup)'"
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -l out -d 'Write the rows to this file instead of stdout (.csv, .tsv, .json, .ndjson, .parquet)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from results" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -l engine -d 'The engine the query runs on' -r -f -a "lake\t'Athena on aws, the embedded engine on local'
redshift\t'Redshift through its Data API (aws, with redshift_cluster or redshift_workgroup)'"
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from help" -f -a "status" -d 'The state, the reason of a failure, data scanned and engine time'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from help" -f -a "results" -d 'The rows of a finished query'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Stop a running query'
complete -c bdctl -n "__fish_bdctl_using_subcommand query; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -l database -d 'Database (default: the environment\'s glue_database)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -l workgroup -d 'Athena workgroup (default: the environment\'s athena_workgroup)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand sql" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -f -a "load" -d 'Load days of the lake into the Redshift table, each replaced in one transaction'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -f -a "spectrum" -d 'Create the external schema over the Glue database, so that Redshift reads the lake in place'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and not __fish_seen_subcommand_from load spectrum help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -l date -d 'One day to load (YYYY-MM-DD)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -l from -d 'First day to load' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -l to -d 'Last day to load' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -l timeout -d 'Cancel a day\'s transaction that runs longer than this (exit 4; the day stays as it was)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -l dry-run -d 'Show the days, their files and the statements, and load nothing'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from load" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -l timeout -d 'Cancel the statement when it runs longer than this (exit 4)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -l dry-run -d 'Print the statement and run nothing'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from spectrum" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load days of the lake into the Redshift table, each replaced in one transaction'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from help" -f -a "spectrum" -d 'Create the external schema over the Glue database, so that Redshift reads the lake in place'
complete -c bdctl -n "__fish_bdctl_using_subcommand warehouse; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -l events -d 'Number of events to send' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -l days -d 'Days the events span' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -l start -d 'First day of the events, YYYY-MM-DD (default: the days before today)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -l seed -d 'Seed of the synthetic events' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand demo" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -f -a "deploy" -d 'Create or update the Step Functions state machine that runs one day of the platform'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -f -a "run" -d 'Run the pipeline for a day: one execution named after the date, followed state by state'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -f -a "status" -d 'The pipeline\'s recent executions, newest first'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and not __fish_seen_subcommand_from deploy run status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -l transform -d 'What runs the transform step (default: the Glue job when glue_job is set, else the function)' -r -f -a "glue\t'The Glue job (glue_job), one run over the day'
lambda\t'The Lambda function (lambda_function), one invocation per raw object'"
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -l dry-run -d 'Print the plan and change nothing'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -l definition -d 'Print the state machine\'s definition (Amazon States Language) and change nothing'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from deploy" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -l date -d 'The day to run (YYYY-MM-DD)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -l timeout -d 'With --wait: stop waiting after this long (exit 4; the execution goes on)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -l wait -d 'Follow the execution to its end'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -l rerun -d 'Run a day that ran already, as a new execution'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -s n -l limit -d 'How many executions to list' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from help" -f -a "deploy" -d 'Create or update the Step Functions state machine that runs one day of the platform'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run the pipeline for a day: one execution named after the date, followed state by state'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from help" -f -a "status" -d 'The pipeline\'s recent executions, newest first'
complete -c bdctl -n "__fish_bdctl_using_subcommand pipeline; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -f -a "plan" -d 'Compare the live rules with the managed ones, rule by rule, and what they would do today'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -f -a "apply" -d 'Show the plan, ask, write the merged rules, read them back and verify'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -f -a "show" -d 'Print the live rules of every bucket of the environment'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and not __fish_seen_subcommand_from plan apply show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from plan" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from plan" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from plan" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from plan" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from plan" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from plan" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from plan" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from plan" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from plan" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from plan" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from plan" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from plan" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from apply" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from apply" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from apply" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from apply" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from apply" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from apply" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from apply" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from apply" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from apply" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from show" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from show" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from show" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from show" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from show" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from show" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from help" -f -a "plan" -d 'Compare the live rules with the managed ones, rule by rule, and what they would do today'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Show the plan, ask, write the merged rules, read them back and verify'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the live rules of every bucket of the environment'
complete -c bdctl -n "__fish_bdctl_using_subcommand lifecycle; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -f -a "lambda" -d 'Install the transform function on AWS Lambda and trigger it from the raw bucket'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -f -a "glue" -d 'Upload the Spark transform script and create or update the Glue job that runs it'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -f -a "emr-serverless" -d 'Upload the Spark transform script that EMR Serverless runs (transform|backfill --remote emr-serverless)'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and not __fish_seen_subcommand_from lambda glue emr-serverless help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -l arch -d 'Architecture of the function (default: the executable\'s own)' -r -f -a "x86_64\t''
arm64\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -l memory -d 'Memory of the function in MB (default: lambda_memory_mb)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -l zip -d 'Deploy this zip (its `bootstrap` at the root) instead of packaging the installed executable' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -l executable -d 'Package this executable as `bootstrap` (default: bdctl-lambda beside bdctl)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -l dry-run -d 'Print the plan and change nothing'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from lambda" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -l dry-run -d 'Print the plan and change nothing'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from glue" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -l dry-run -d 'Print the plan and change nothing'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from emr-serverless" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from help" -f -a "lambda" -d 'Install the transform function on AWS Lambda and trigger it from the raw bucket'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from help" -f -a "glue" -d 'Upload the Spark transform script and create or update the Glue job that runs it'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from help" -f -a "emr-serverless" -d 'Upload the Spark transform script that EMR Serverless runs (transform|backfill --remote emr-serverless)'
complete -c bdctl -n "__fish_bdctl_using_subcommand deploy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l from -d 'First day, YYYY-MM-DD (default: the first day of this month)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l to -d 'Last day, inclusive, YYYY-MM-DD (default: today)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l granularity -d 'Amounts per day or per month' -r -f -a "daily\t''
monthly\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l group-by -d 'Group by service, usage-type or tag:KEY' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l forecast -d 'Add Cost Explorer\'s forecast for the rest of the month'
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l all-services -d 'Every service of the account, not only the platform\'s'
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l refresh -d 'Ask Cost Explorer again instead of using a cached answer'
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand costs" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -l since -d 'How far back to look' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -l period -d 'Width of each point' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -l service -d 'Only this service\'s metrics; repeatable' -r -f -a "firehose\t''
lambda\t''
glue\t''
athena\t''
s3\t''
local\t'What the local platform recorded (the local backend\'s only service)'"
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -l metric -d 'Only metrics with this name (e.g. IncomingRecords); repeatable' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand metrics" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -l lookback-days -d 'How many days back to look for the newest partitions' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand status" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -l since -d 'How far back to start' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -l filter -d 'A CloudWatch Logs filter pattern' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -l run -d 'Only one run\'s logs: a Glue job run id (a local run id on local), or `last` for the newest' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -s f -l follow -d 'Keep printing events as they arrive, until Ctrl-C'
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand logs" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -l from -d 'Where to start: latest, trim-horizon, or a time (RFC 3339, e.g. 2024-06-01T12:00:00Z)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -l filter -d 'Only events whose FIELD equals VALUE (repeat: all must match)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -s n -l limit -d 'Stop after N events' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -s f -l follow -d 'Keep reading as records arrive, until Ctrl-C'
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand tail" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -f -a "list" -d 'Counts of quarantined records by reason, day or source, with bytes and oldest/newest'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -f -a "show" -d 'The quarantined records: source key, record number, byte offset, reason, redacted text'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -f -a "replay" -d 'Transform quarantined records again; what now transforms lands in the lake'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and not __fish_seen_subcommand_from list show replay help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l from -d 'First day, YYYY-MM-DD (the day a file is filed under)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l to -d 'Last day, YYYY-MM-DD' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l by -d 'How to group the records' -r -f -a "reason\t''
day\t''
source\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l from -d 'First day, YYYY-MM-DD (the day a file is filed under)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l to -d 'Last day, YYYY-MM-DD' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l reason -d 'Only records whose reason contains this text (case-insensitive)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l limit -d 'At most this many records (0: all)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -l from -d 'First day, YYYY-MM-DD (the day a file is filed under)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -l to -d 'Last day, YYYY-MM-DD' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -l reason -d 'Only records whose reason contains this text (case-insensitive)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -l dry-run -d 'Say what would land and what would still fail, and write nothing'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -l to-stream -d 'Send what now transforms back into the delivery stream (`firehose_stream`) instead, to come through the platform\'s own transform'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from replay" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from help" -f -a "list" -d 'Counts of quarantined records by reason, day or source, with bytes and oldest/newest'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from help" -f -a "show" -d 'The quarantined records: source key, record number, byte offset, reason, redacted text'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from help" -f -a "replay" -d 'Transform quarantined records again; what now transforms lands in the lake'
complete -c bdctl -n "__fish_bdctl_using_subcommand quarantine; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -l from -d 'First day, YYYY-MM-DD (default: six days before --to)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -l to -d 'Last day, YYYY-MM-DD (default: today, UTC)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -l jobs -d 'Raw objects read at the same time (default: the number of CPUs)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -l deep -d 'Also compare the events one by one by event_id: missing, written twice, delivered twice, without a raw source (reads every raw object and output whole)'
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand reconcile" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -l dir -d 'Write the file(s) into this directory instead of printing (every shell when none is named)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bdctl -n "__fish_bdctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -l dir -d 'Write bdctl.1 and one page per subcommand into this directory instead of printing bdctl.1' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -l env -d 'Environment of bdctl.toml to use' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -l config -d 'Configuration file (default: bdctl.toml in this directory or a parent)' -r -F
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -l profile -d 'AWS named profile (overrides the environment\'s `profile`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -l region -d 'AWS region (overrides the environment\'s `region`)' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -l endpoint-url -d 'Endpoint URL for every AWS service, e.g. a local emulator' -r
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -s o -l output -d 'Output format; auto is a table on a terminal and tab-separated values when piped' -r -f -a "auto\t''
table\t''
csv\t''
tsv\t''
json\t''
ndjson\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -l color -d 'When to use colors (NO_COLOR in the environment means never)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -s q -l quiet -d 'Print only data and errors'
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -s v -l verbose -d 'Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)'
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -s y -l yes -d 'Answer yes to every confirmation'
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -l no-input -d 'Never prompt; commands that need a confirmation fail unless --yes is given'
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -s h -l help -d 'Print help'
complete -c bdctl -n "__fish_bdctl_using_subcommand man" -s V -l version -d 'Print version'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "config" -d 'Show the resolved configuration and where each value comes from'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "init" -d 'Write a commented bdctl.toml (interactive on a terminal)'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "doctor" -d 'Check configuration, credentials and the configured resources'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "send" -d 'Send synthetic or real events into the delivery stream'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "transform" -d 'Turn raw objects into Parquet partitions, in this process'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "backfill" -d 'Transform a range of days again, skipping what is complete'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "crawl" -d 'Bring the catalog\'s table and partitions in line with the transformed lake'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "partitions" -d 'List the lake\'s date partitions, or add the ones the catalog lacks'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "compact" -d 'Rewrite each day\'s small Parquet files into a few large ones, sorted by event time'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "query" -d 'Run SQL: Athena on aws, the embedded engine on local'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "sql" -d 'An interactive SQL shell: history, multi-line statements, completion from the catalog'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "warehouse" -d 'Redshift beside the lake: load days into a table, or read the lake in place (Spectrum)'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "demo" -d 'Run the whole pipeline on the embedded local platform, with example queries'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "pipeline" -d 'One day of the platform as a Step Functions workflow: deploy it, run a day, list runs'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "lifecycle" -d 'Plan, apply or show the storage lifecycle rules (expiration, transitions)'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "deploy" -d 'Install bdctl\'s transform on the platform\'s compute: the Lambda function, the Glue job'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "costs" -d 'What the platform costs (Cost Explorer), or what the local lake would cost on AWS'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "metrics" -d 'The platform\'s metrics over time: CloudWatch on aws, bdctl\'s activity on local'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "status" -d 'Is data flowing? Freshness, lag, activity and a verdict (exit 1 on a breached threshold)'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "logs" -d 'What the transform, the job, the stream and the crawler logged: read, filter, follow'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "tail" -d 'Read the events in the Kinesis data stream, every shard, with the consumer\'s lag'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "quarantine" -d 'The records the transform or Firehose rejected: count them, show them, replay them'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "reconcile" -d 'Did every event make it? Raw records against lake rows, quarantine and what the catalog sees'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "completions" -d 'Print shell completions'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "man" -d 'Print or write the man pages'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and not __fish_seen_subcommand_from config init doctor send transform backfill crawl partitions compact query sql warehouse demo pipeline lifecycle deploy costs metrics status logs tail quarantine reconcile completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print every resolved setting with its value and where it came from'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the path of the configuration file in use (exit 1 when there is none)'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "keys" -d 'List every setting bdctl understands, with its environment variable and meaning'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from partitions" -f -a "list" -d 'The date partitions of the transformed lake, with their objects, bytes and whether the catalog has them'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from partitions" -f -a "sync" -d 'Add the partitions the catalog lacks (BatchCreatePartition in chunks of 100 on aws)'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from partitions" -f -a "project" -d 'Turn on Athena partition projection for the date keys: no crawler, no sync needed'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from query" -f -a "status" -d 'The state, the reason of a failure, data scanned and engine time'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from query" -f -a "results" -d 'The rows of a finished query'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from query" -f -a "cancel" -d 'Stop a running query'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from warehouse" -f -a "load" -d 'Load days of the lake into the Redshift table, each replaced in one transaction'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from warehouse" -f -a "spectrum" -d 'Create the external schema over the Glue database, so that Redshift reads the lake in place'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from pipeline" -f -a "deploy" -d 'Create or update the Step Functions state machine that runs one day of the platform'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from pipeline" -f -a "run" -d 'Run the pipeline for a day: one execution named after the date, followed state by state'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from pipeline" -f -a "status" -d 'The pipeline\'s recent executions, newest first'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from lifecycle" -f -a "plan" -d 'Compare the live rules with the managed ones, rule by rule, and what they would do today'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from lifecycle" -f -a "apply" -d 'Show the plan, ask, write the merged rules, read them back and verify'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from lifecycle" -f -a "show" -d 'Print the live rules of every bucket of the environment'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from deploy" -f -a "lambda" -d 'Install the transform function on AWS Lambda and trigger it from the raw bucket'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from deploy" -f -a "glue" -d 'Upload the Spark transform script and create or update the Glue job that runs it'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from deploy" -f -a "emr-serverless" -d 'Upload the Spark transform script that EMR Serverless runs (transform|backfill --remote emr-serverless)'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from quarantine" -f -a "list" -d 'Counts of quarantined records by reason, day or source, with bytes and oldest/newest'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from quarantine" -f -a "show" -d 'The quarantined records: source key, record number, byte offset, reason, redacted text'
complete -c bdctl -n "__fish_bdctl_using_subcommand help; and __fish_seen_subcommand_from quarantine" -f -a "replay" -d 'Transform quarantined records again; what now transforms lands in the lake'
