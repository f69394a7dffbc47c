// See package.json: msgpackr treats this error as "no native acceleration".
throw new Error("msgpackr-extract is not installed; msgpackr uses its JavaScript decoder");
