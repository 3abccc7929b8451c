module scenario_assets

go 1.19
