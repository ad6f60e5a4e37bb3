// Result files and summaries of exercise runs.
