// Discord's settings; sending needs the network.
package discord

option discordURL = "https://discordapp.com/api/webhooks/"
