// Slack's settings; sending a message needs the network.
package slack

option defaultURL = "https://slack.com/api/chat.postMessage"
